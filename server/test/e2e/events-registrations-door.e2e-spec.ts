// The door and after, through HTTP on MariaDB: check-in by ticket (once; the second scan says when),
// who may scan where and when, the manager's registration list with the waitlist in line order, the
// clerk credited for a personal invitation, and ratings by those who came.
import type { CheckInResult, EventRegistrationRow, Paginated } from '@vip-club/shared';
import { addStoreMinutes, DEFAULT_OPENING_HOURS } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  type JoinedMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { createPublishedEvent, HOUR, MINUTE } from '../factories/events.factory';
import {
  cancelMine,
  checkIn,
  checkInOk,
  eventTimesFrom,
  freezeClock,
  registerOk,
  thawClock,
} from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events: the door, the list and ratings', () => {
  let club: TestApp;
  let managerToken: string;
  let host: StoreAndClerk;
  let elsewhere: StoreAndClerk;
  // The event starts in a few minutes, so the door is open now; every instant stays within the tokens' 15 minutes.
  const startsAt = Math.ceil((Date.now() + 3 * MINUTE) / 1000) * 1000;
  const endsAt = startsAt + 5 * MINUTE;
  const times = eventTimesFrom(startsAt, endsAt - startsAt);

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    host = await createStoreAndClerk(club.request, managerToken);
    elsewhere = await createStoreAndClerk(club.request, managerToken);
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  const feedback = (member: JoinedMember, eventId: string, body: object) =>
    club.request.post(`${API}/events/${eventId}/feedback`).set(bearer(member.accessToken)).send(body);

  describe('POST /events/{id}/check-ins', () => {
    it('checks a confirmed ticket in once, counts its seats, and says when on the second scan', async () => {
      const event = await createPublishedEvent(club.request, managerToken, {
        ...times,
        storeId: host.store.id,
      });
      const member = await joinMember(club.request, { name: '周慧敏' });
      const ticket = await registerOk(club.request, member.accessToken, event.id, 1);

      const first = await checkInOk(club.request, host.clerkToken, event.id, ticket.ticketCode.toLowerCase());
      expect(first).toMatchObject({
        registrationId: ticket.id,
        event: { id: event.id, title: event.title },
        member: { id: member.id, name: '周慧敏', memberNo: member.memberNo, tier: 'friend' },
        seats: 2,
        guests: 1,
        checkedInSeats: 2,
        confirmedSeats: 2,
      } satisfies Partial<CheckInResult>);

      const again = await checkIn(club.request, managerToken, event.id, ticket.ticketCode).expect(409);
      expect(again.body.error).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        details: { checkedInAt: first.checkedInAt, member: { name: '周慧敏', memberNo: member.memberNo } },
      });
      const [row] = await club.app
        .get(DataSource)
        .query('SELECT checked_in_seats FROM events WHERE id = ?', [event.id]);
      expect(Number(row.checked_in_seats)).toBe(2);
      // Checked in, the registration can no longer be given up.
      expect((await cancelMine(club.request, member.accessToken, event.id).expect(409)).body.error.code).toBe(
        'CONFLICT',
      );
    });

    it('lets one of five simultaneous scans of a ticket in and counts its seats once', async () => {
      const event = await createPublishedEvent(club.request, managerToken, times);
      const member = await joinMember(club.request);
      const ticket = await registerOk(club.request, member.accessToken, event.id, 1);
      const scans = await Promise.all(
        [1, 2, 3, 4, 5].map(() => checkIn(club.request, managerToken, event.id, ticket.ticketCode)),
      );
      expect(scans.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const r of scans.filter((x) => x.status === 409))
        expect(r.body.error.code).toBe('ALREADY_CHECKED_IN');
      const [row] = await club.app
        .get(DataSource)
        .query('SELECT checked_in_seats FROM events WHERE id = ?', [event.id]);
      expect(Number(row.checked_in_seats)).toBe(2);
    });

    it('refuses waitlisted and cancelled tickets, unknown ones and another event’s', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { ...times, capacity: 1 });
      const other = await createPublishedEvent(club.request, managerToken, times);
      const [seated, waiting, gone, stranger] = await Promise.all(
        [1, 2, 3, 4].map(() => joinMember(club.request)),
      );
      await registerOk(club.request, seated.accessToken, event.id);
      const queued = await registerOk(club.request, waiting.accessToken, event.id);
      const otherTicket = await registerOk(club.request, stranger.accessToken, other.id);
      const cancelledTicket = await registerOk(club.request, gone.accessToken, other.id);
      await cancelMine(club.request, gone.accessToken, other.id).expect(200);

      const waitlisted = await checkIn(club.request, managerToken, event.id, queued.ticketCode).expect(409);
      expect(waitlisted.body.error).toMatchObject({
        code: 'TICKET_NOT_CONFIRMED',
        details: { status: 'waitlisted' },
      });
      const cancelled = await checkIn(
        club.request,
        managerToken,
        other.id,
        cancelledTicket.ticketCode,
      ).expect(409);
      expect(cancelled.body.error).toMatchObject({
        code: 'TICKET_NOT_CONFIRMED',
        details: { status: 'cancelled' },
      });
      await checkIn(club.request, managerToken, event.id, otherTicket.ticketCode).expect(404);
      await checkIn(club.request, managerToken, event.id, 'ABCDEFGHJK').expect(404);
      const malformed = await checkIn(club.request, managerToken, event.id, 'short').expect(400);
      expect(fieldsOf(malformed.body)).toEqual(['ticketCode']);
    });

    it('lets a clerk scan only at their store’s events or store-less ones; members not at all', async () => {
      const hosted = await createPublishedEvent(club.request, managerToken, {
        ...times,
        storeId: host.store.id,
      });
      const open = await createPublishedEvent(club.request, managerToken, times);
      const member = await joinMember(club.request);
      const a = await registerOk(club.request, member.accessToken, hosted.id);
      const b = await registerOk(club.request, member.accessToken, open.id);

      expect(
        (await checkIn(club.request, elsewhere.clerkToken, hosted.id, a.ticketCode).expect(403)).body.error
          .code,
      ).toBe('FORBIDDEN');
      await checkIn(club.request, member.accessToken, hosted.id, a.ticketCode).expect(403);
      await checkInOk(club.request, elsewhere.clerkToken, open.id, b.ticketCode);
      await checkInOk(club.request, host.clerkToken, hosted.id, a.ticketCode);
    });

    it('opens the door 3 hours before the start and closes it at the end', async () => {
      const later = await createPublishedEvent(club.request, managerToken, {
        startsAt: new Date(startsAt + 4 * HOUR).toISOString(),
        endsAt: new Date(startsAt + 5 * HOUR).toISOString(),
        registration: times.registration,
      });
      const event = await createPublishedEvent(club.request, managerToken, times);
      const member = await joinMember(club.request);
      const early = await registerOk(club.request, member.accessToken, later.id);
      const ticket = await registerOk(club.request, member.accessToken, event.id);

      const notYet = await checkIn(club.request, managerToken, later.id, early.ticketCode).expect(409);
      expect(notYet.body.error).toMatchObject({
        code: 'CONFLICT',
        details: { opensAt: new Date(startsAt + HOUR).toISOString() },
      });
      freezeClock(endsAt);
      expect(
        (await checkIn(club.request, managerToken, event.id, ticket.ticketCode).expect(409)).body.error.code,
      ).toBe('CONFLICT');
      freezeClock(endsAt - 1);
      await checkInOk(club.request, managerToken, event.id, ticket.ticketCode);
    });
  });

  describe('GET /events/{id}/registrations', () => {
    it('lists in arrival order with the waitlist positions, filters by status, pages, and credits the inviting clerk', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { ...times, capacity: 2 });
      const invited = await joinMember(club.request, { storeId: host.store.id });
      expect(invited.clerkId).toBe(host.clerk.id);
      await club.request
        .post(`${API}/events/${event.id}/invitations`)
        .set(bearer(host.clerkToken))
        .send({ memberIds: [invited.id], note: '给您留了位置' })
        .expect(201);
      const others = await Promise.all([1, 2, 3].map(() => joinMember(club.request)));
      const regs = [await registerOk(club.request, invited.accessToken, event.id)];
      for (const m of others) regs.push(await registerOk(club.request, m.accessToken, event.id));
      await checkInOk(club.request, managerToken, event.id, regs[1].ticketCode);

      const list = async (query: string) =>
        (
          await club.request
            .get(`${API}/events/${event.id}/registrations${query}`)
            .set(bearer(managerToken))
            .expect(200)
        ).body as Paginated<EventRegistrationRow>;
      const all = await list('');
      expect(all.items.map((r) => [r.id, r.status, r.waitlistPosition])).toEqual([
        [regs[0].id, 'confirmed', undefined],
        [regs[1].id, 'confirmed', undefined],
        [regs[2].id, 'waitlisted', 1],
        [regs[3].id, 'waitlisted', 2],
      ]);
      expect(all.items[0]).toMatchObject({
        member: { id: invited.id, memberNo: invited.memberNo },
        invitedByClerkId: host.clerk.id,
      });
      expect(all.items[1]).toMatchObject({ invitedByClerkId: null, checkedInAt: expect.any(String) });

      const page = await list('?status=waitlisted&limit=1');
      expect(page.items.map((r) => [r.id, r.waitlistPosition])).toEqual([[regs[2].id, 1]]);
      const next = await list(`?status=waitlisted&limit=1&cursor=${page.nextCursor}`);
      expect(next.items.map((r) => [r.id, r.waitlistPosition])).toEqual([[regs[3].id, 2]]);
      expect(next.nextCursor).toBeNull();
      expect((await list('?status=checked_in')).items.map((r) => r.id)).toEqual([regs[1].id]);

      await club.request
        .get(`${API}/events/${event.id}/registrations`)
        .set(bearer(host.clerkToken))
        .expect(403);
      await club.request.get(`${API}/events/999999999/registrations`).set(bearer(managerToken)).expect(404);
      const bad = await club.request
        .get(`${API}/events/${event.id}/registrations?status=maybe`)
        .set(bearer(managerToken))
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['status']);
    });
  });

  describe('POST /events/{id}/feedback', () => {
    it('takes one rating from a member who came, after the start; 3 or less opens a follow-up', async () => {
      const event = await createPublishedEvent(club.request, managerToken, {
        ...times,
        storeId: host.store.id,
      });
      const [came, happy, absent] = await Promise.all([1, 2, 3].map(() => joinMember(club.request)));
      const stranger = await joinMember(club.request);
      const leaving = await joinMember(club.request);
      for (const m of [came, happy, absent, leaving]) await registerOk(club.request, m.accessToken, event.id);
      const tickets = async (m: JoinedMember) =>
        (await club.request.get(`${API}/me/registrations`).set(bearer(m.accessToken)).expect(200)).body
          .items[0];
      await checkInOk(club.request, host.clerkToken, event.id, (await tickets(came)).ticketCode);
      await checkInOk(club.request, host.clerkToken, event.id, (await tickets(happy)).ticketCode);
      await checkInOk(club.request, host.clerkToken, event.id, (await tickets(leaving)).ticketCode);

      expect(
        (await feedback(came, event.id, { rating: 2, comment: '太挤了' }).expect(409)).body.error.code,
      ).toBe('NOT_ATTENDED');
      freezeClock(startsAt);
      expect((await feedback(absent, event.id, { rating: 5 }).expect(409)).body.error.code).toBe(
        'NOT_ATTENDED',
      );
      expect((await feedback(stranger, event.id, { rating: 5 }).expect(409)).body.error.code).toBe(
        'NOT_ATTENDED',
      );
      expect(fieldsOf((await feedback(came, event.id, { rating: 6 }).expect(400)).body)).toEqual(['rating']);
      // She came, then left the club: her access token lives on for minutes, but her words are not kept.
      await club.request.delete(`${API}/me`).set(bearer(leaving.accessToken)).expect(204);
      expect(
        (await feedback(leaving, event.id, { rating: 1, comment: '再也不来' }).expect(401)).body.error.code,
      ).toBe('UNAUTHENTICATED');

      const low = await feedback(came, event.id, { rating: 2, comment: ' 太挤了 ' }).expect(201);
      expect(low.body).toEqual({ rating: 2, comment: '太挤了', followUpOpened: true });
      expect((await feedback(came, event.id, { rating: 5 }).expect(409)).body.error.code).toBe(
        'ALREADY_RATED',
      );
      const high = await feedback(happy, event.id, { rating: 5, comment: '很棒' }).expect(201);
      expect(high.body).toEqual({ rating: 5, comment: '很棒', followUpOpened: false });
      expect((await tickets(came)).rating).toBe(2);

      const followUps = await club.request
        .get(`${API}/staff/follow-ups`)
        .set(bearer(host.clerkToken))
        .expect(200);
      expect(followUps.body.items).toEqual([
        expect.objectContaining({
          storeId: host.store.id,
          member: { id: came.id, memberNo: came.memberNo, name: came.name },
          subject: 'event',
          refId: event.id,
          rating: 2,
          comment: '太挤了',
          status: 'open',
          openedAt: new Date(startsAt).toISOString(),
          // Counted in the host's opening hours (the default ones) on the club clock; the rule is tested in shared.
          firstResponseDueAt: addStoreMinutes(
            new Date(startsAt),
            15,
            DEFAULT_OPENING_HOURS,
            'Asia/Shanghai',
          ).toISOString(),
          resolveDueAt: addStoreMinutes(
            new Date(startsAt),
            180,
            DEFAULT_OPENING_HOURS,
            'Asia/Shanghai',
          ).toISOString(),
          isOverdue: false,
        }),
      ]);
    });
  });
});
