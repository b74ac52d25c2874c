// Events as members see them, and the editor's effects on registrations, through HTTP on MariaDB:
// the state per member (priority tiers before the general opening, open, full, closed, cancelled,
// ended), seats left and the member's own registration; a capacity raise confirming the waitlist;
// a cancellation taking every registration back; and the manager's summary.
import type { EventForMember, EventSummary, Paginated, RegistrationCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import {
  createEvent,
  createPublishedEvent,
  DAY,
  HOUR,
  isoIn,
  publishEvent,
} from '../factories/events.factory';
import { adjustPoints } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events: what members see, and what the editor does to registrations', () => {
  let club: TestApp;
  let db: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  let gold: JoinedMember;
  let silver: JoinedMember;

  beforeAll(async () => {
    club = await startTestApp();
    db = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    gold = await memberOf('gold');
    silver = await memberOf('silver');
  });
  afterAll(async () => {
    await club?.close();
  });

  async function memberOf(tier: string): Promise<JoinedMember> {
    const member = await joinMember(club.request);
    await db.query('UPDATE members SET tier = ? WHERE id = ?', [tier, member.id]);
    return member;
  }

  async function seen(member: JoinedMember, eventId: string): Promise<EventForMember> {
    const res = await club.request
      .get(`${API}/events/${eventId}`)
      .set(bearer(member.accessToken))
      .expect(200);
    return res.body as EventForMember;
  }

  function register(member: JoinedMember, eventId: string, guests = 0) {
    return club.request
      .post(`${API}/events/${eventId}/registrations`)
      .set(bearer(member.accessToken))
      .send({ guests });
  }

  const priorityWindow = (priorityOpensIn: number) => ({
    opensAt: isoIn(2 * DAY),
    closesAt: isoIn(5 * DAY),
    priorityTiers: ['gold' as const],
    priorityOpensAt: isoIn(priorityOpensIn),
  });

  it('before the general opening: a priority tier may register early, another member waits', async () => {
    const event = await createPublishedEvent(club.request, managerToken, {
      storeId: shop.store.id,
      registration: priorityWindow(-HOUR),
    });
    const forGold = await seen(gold, event.id);
    expect(forGold).toMatchObject({
      id: event.id,
      state: 'priority',
      isPriorityForMe: true,
      seatsLeft: 50,
      store: { id: shop.store.id, name: shop.store.name },
      registration: { priorityTiers: ['gold'], priorityOpensAt: event.registration.priorityOpensAt },
      myRegistration: null,
    });
    expect(forGold).not.toHaveProperty('eligibility');
    expect(await seen(silver, event.id)).toMatchObject({ state: 'upcoming', isPriorityForMe: false });

    const before = await createPublishedEvent(club.request, managerToken, {
      registration: priorityWindow(DAY),
    });
    expect(await seen(gold, before.id)).toMatchObject({ state: 'upcoming', isPriorityForMe: true });
    expect(await seen(silver, before.id)).toMatchObject({ state: 'upcoming', isPriorityForMe: false });
  });

  it('open, then full once the seats are taken, with the member’s own registration', async () => {
    const event = await createPublishedEvent(club.request, managerToken, { capacity: 2, guestsAllowed: 1 });
    expect(await seen(silver, event.id)).toMatchObject({ state: 'open', seatsLeft: 2, myRegistration: null });
    const created = (await register(gold, event.id, 1).expect(201)).body as RegistrationCreated;
    expect(created.status).toBe('confirmed');
    const forGold = await seen(gold, event.id);
    expect(forGold).toMatchObject({ state: 'full', seatsLeft: 0 });
    expect(forGold.myRegistration).toMatchObject({
      id: created.id,
      status: 'confirmed',
      seats: 2,
      guests: 1,
    });
    expect(await seen(silver, event.id)).toMatchObject({ state: 'full', myRegistration: null });
  });

  it('closed after the window, cancelled when cancelled, ended after the end', async () => {
    const closed = await createPublishedEvent(club.request, managerToken, {
      registration: { opensAt: isoIn(-2 * DAY), closesAt: isoIn(-DAY) },
    });
    expect((await seen(gold, closed.id)).state).toBe('closed');

    const cancelled = await createPublishedEvent(club.request, managerToken);
    await club.request
      .post(`${API}/events/${cancelled.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '场地检修' })
      .expect(200);
    expect((await seen(gold, cancelled.id)).state).toBe('cancelled');

    const ended = await createPublishedEvent(club.request, managerToken);
    // Moving a published event into the past is the only way to see one end within a test.
    await db.query('UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 3 * HOUR),
      new Date(Date.now() - HOUR),
      ended.id,
    ]);
    expect((await seen(gold, ended.id)).state).toBe('ended');

    // Only published events still to come are listed.
    const list = await club.request.get(`${API}/events?limit=100`).set(bearer(gold.accessToken)).expect(200);
    const ids = (list.body as Paginated<EventForMember>).items.map((e) => e.id);
    expect(ids).toContain(closed.id);
    expect(ids).not.toContain(cancelled.id);
    expect(ids).not.toContain(ended.id);
  });

  it('lists soonest first, page by page, without repeats', async () => {
    const member = await memberOf('friend');
    const later = await createPublishedEvent(club.request, managerToken, {
      startsAt: isoIn(20 * DAY),
      endsAt: isoIn(20 * DAY + HOUR),
    });
    const sooner = await createPublishedEvent(club.request, managerToken, {
      startsAt: isoIn(2 * DAY),
      endsAt: isoIn(2 * DAY + HOUR),
      registration: { opensAt: isoIn(-HOUR), closesAt: isoIn(DAY) },
    });
    const all: EventForMember[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '3', ...(cursor === null ? {} : { cursor }) };
      const res = await club.request
        .get(`${API}/events`)
        .query(query)
        .set(bearer(member.accessToken))
        .expect(200);
      const page = res.body as Paginated<EventForMember>;
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const starts = all.map((e) => Date.parse(e.startsAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.id).indexOf(sooner.id)).toBeLessThan(all.map((e) => e.id).indexOf(later.id));

    // A page's last event cancelled before the next page is asked for: the list goes on after its place.
    const first = await club.request.get(`${API}/events?limit=2`).set(bearer(member.accessToken)).expect(200);
    const last = (first.body as Paginated<EventForMember>).items[1];
    await club.request
      .post(`${API}/events/${last.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '改期' })
      .expect(200);
    const next = await club.request
      .get(`${API}/events?limit=100&cursor=${last.id}`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect((next.body as Paginated<EventForMember>).items.map((e) => e.id)).toEqual(
      all.slice(2).map((e) => e.id),
    );
    const unknown = await club.request
      .get(`${API}/events?cursor=999999`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
    const bad = await club.request.get(`${API}/events?cursor=abc`).set(bearer(member.accessToken));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it('a capacity raise on a published event confirms the waitlist in line order; below the confirmed seats is 409', async () => {
    const event = await createPublishedEvent(club.request, managerToken, { capacity: 2, guestsAllowed: 1 });
    const first = await memberOf('friend');
    const second = await memberOf('friend');
    const third = await memberOf('friend');
    expect((await register(first, event.id, 1).expect(201)).body.status).toBe('confirmed');
    expect((await register(second, event.id, 1).expect(201)).body.status).toBe('waitlisted');
    expect((await register(third, event.id).expect(201)).body.status).toBe('waitlisted');
    const staffView = await club.request
      .get(`${API}/events/${event.id}`)
      .set(bearer(managerToken))
      .expect(200);
    expect(staffView.body).toMatchObject({ confirmedSeats: 2, seatsLeft: 0, waitlisted: 2 });

    const refused = await club.request
      .patch(`${API}/events/${event.id}`)
      .set(bearer(managerToken))
      .send({ capacity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'capacity', confirmedSeats: 2 },
    });

    // Room for one more party of two: the second (with a guest) is first in line and fits; the third waits.
    const raised = await club.request
      .patch(`${API}/events/${event.id}`)
      .set(bearer(managerToken))
      .send({ capacity: 4 })
      .expect(200);
    expect(raised.body).toMatchObject({ capacity: 4, confirmedSeats: 4, seatsLeft: 0, waitlisted: 1 });
    expect((await seen(second, event.id)).myRegistration).toMatchObject({ status: 'confirmed' });
    expect((await seen(third, event.id)).myRegistration).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
  });

  it('cancelling an event cancels every registration and returns the points', async () => {
    const event = await createPublishedEvent(club.request, managerToken, { capacity: 1, pointsCost: 300 });
    const seated = await memberOf('friend');
    const waiting = await memberOf('friend');
    for (const member of [seated, waiting]) await adjustPoints(club.request, managerToken, member.id, 1000);
    expect((await register(seated, event.id).expect(201)).body.status).toBe('confirmed');
    expect((await register(waiting, event.id).expect(201)).body.status).toBe('waitlisted');

    const res = await club.request
      .post(`${API}/events/${event.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '台风预警' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', confirmedSeats: 0, waitlisted: 0 });
    for (const member of [seated, waiting]) {
      const view = await seen(member, event.id);
      expect(view).toMatchObject({ state: 'cancelled', myRegistration: null });
      const [row] = await db.query('SELECT points FROM members WHERE id = ?', [member.id]);
      expect(Number(row.points)).toBe(1000);
    }
  });

  it('a registered member still sees an event they no longer fit', async () => {
    const member = await memberOf('gold');
    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { tiers: ['gold'] },
    });
    await register(member, event.id).expect(201);
    await db.query('UPDATE members SET tier = ? WHERE id = ?', ['silver', member.id]);
    expect((await seen(member, event.id)).myRegistration).toMatchObject({ status: 'confirmed' });
    const other = await memberOf('silver');
    expect((await club.request.get(`${API}/events/${event.id}`).set(bearer(other.accessToken))).status).toBe(
      404,
    );
  });

  it('summarises registrations, attendance and ratings for the manager', async () => {
    const event = await createEvent(club.request, managerToken, {
      capacity: 10,
      guestsAllowed: 2,
      startsAt: isoIn(HOUR),
      endsAt: isoIn(3 * HOUR),
      registration: { opensAt: isoIn(-HOUR), closesAt: isoIn(30 * 60_000) },
    });
    const empty = await club.request
      .get(`${API}/events/${event.id}/summary`)
      .set(bearer(managerToken))
      .expect(200);
    expect(empty.body).toEqual({
      eventId: event.id,
      capacity: 10,
      confirmedSeats: 0,
      confirmedRegistrations: 0,
      waitlisted: 0,
      cancelled: 0,
      checkedInSeats: 0,
      checkedInRegistrations: 0,
      attendanceRate: null,
      noShows: null,
      ratings: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
      invitations: { sent: 0, clerks: [] },
    });
    await publishEvent(club.request, managerToken, event.id);
    const [a, b, c] = [await memberOf('friend'), await memberOf('friend'), await memberOf('friend')];
    const ticket = (await register(a, event.id, 2).expect(201)).body as RegistrationCreated;
    await register(b, event.id).expect(201);
    await register(c, event.id).expect(201);
    await club.request
      .delete(`${API}/events/${event.id}/registrations/me`)
      .set(bearer(c.accessToken))
      .expect(200);
    await club.request
      .post(`${API}/events/${event.id}/check-ins`)
      .set(bearer(managerToken))
      .send({ ticketCode: ticket.ticketCode })
      .expect(201);
    const during = await club.request
      .get(`${API}/events/${event.id}/summary`)
      .set(bearer(managerToken))
      .expect(200);
    expect(during.body).toMatchObject({
      confirmedSeats: 4,
      confirmedRegistrations: 2,
      cancelled: 1,
      checkedInSeats: 3,
      checkedInRegistrations: 1,
      attendanceRate: 0.5,
      noShows: null,
    });

    await db.query('UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 3 * HOUR),
      new Date(Date.now() - HOUR),
      event.id,
    ]);
    await club.request
      .post(`${API}/events/${event.id}/feedback`)
      .set(bearer(a.accessToken))
      .send({ rating: 4, comment: '讲解很专业' })
      .expect(201);
    const after = (
      await club.request.get(`${API}/events/${event.id}/summary`).set(bearer(managerToken)).expect(200)
    ).body as EventSummary;
    expect(after).toMatchObject({
      noShows: 1,
      ratings: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0] },
    });

    expect(
      (await club.request.get(`${API}/events/${event.id}/summary`).set(bearer(shop.clerkToken))).status,
    ).toBe(403);
    expect((await club.request.get(`${API}/events/999999/summary`).set(bearer(managerToken))).status).toBe(
      404,
    );
  });
});
