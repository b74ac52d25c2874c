// Registering, cancelling and the waitlist through HTTP on MariaDB: seats, points (spent in the same
// transaction, returned on cancellation), Idempotency-Key replays, every refusal of the contract, the
// fitting rule of promotions, my tickets, and a manager's cancellation of the whole event.
import type {
  ClubEvent,
  MyTicket,
  Paginated,
  RegistrationCancelled,
  RegistrationCreated,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  fieldsOf,
  joinMember,
  type JoinedMember,
  loginManager,
  unique,
} from '../factories/club.factory';
import { createEvent, createPublishedEvent, DAY, HOUR, isoIn } from '../factories/events.factory';
import { createBulkMembers } from '../factories/members-bulk.factory';
import { balancesAgainstLedger, expectBalancesMatchLedger } from '../factories/points.factory';
import { cancelMine, register, registerOk } from '../factories/registrations.factory';
import { adjustPoints } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events: registering, cancelling and the waitlist', () => {
  let club: TestApp;
  let managerToken: string;
  let ds: DataSource;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    ds = club.app.get(DataSource);
  });
  afterAll(async () => {
    await club?.close();
  });

  async function memberWith(points: number): Promise<JoinedMember> {
    const member = await joinMember(club.request);
    if (points > 0) await adjustPoints(club.request, managerToken, member.id, points);
    return member;
  }

  const clubEvent = async (id: string): Promise<ClubEvent> =>
    (await club.request.get(`${API}/events/${id}`).set(bearer(managerToken)).expect(200)).body as ClubEvent;

  async function seatsOnRecord(eventId: string): Promise<{ counter: number; confirmed: number }> {
    const [row] = await ds.query(
      `SELECT e.confirmed_seats AS counter,
              (SELECT COALESCE(SUM(r.seats), 0) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed
       FROM events e WHERE e.id = ?`,
      [eventId],
    );
    return { counter: Number(row.counter), confirmed: Number(row.confirmed) };
  }

  const pointsOf = async (member: JoinedMember): Promise<number> =>
    (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200)).body.points as number;

  describe('POST /events/{id}/registrations', () => {
    it('confirms a registration that fits, spends its points in the same transaction and issues a ticket', async () => {
      const event = await createPublishedEvent(club.request, managerToken, {
        pointsCost: 300,
        guestsAllowed: 2,
      });
      const member = await memberWith(1000);
      const res = await register(club.request, member.accessToken, event.id, 2).expect(201);
      const made = res.body as RegistrationCreated;
      expect(made).toMatchObject({
        eventId: event.id,
        status: 'confirmed',
        seats: 3,
        guests: 2,
        pointsSpent: 300,
        balance: 700,
        checkedInAt: null,
        cancelledAt: null,
        rating: null,
      });
      expect(made.waitlistPosition).toBeUndefined();
      expect(made.ticketCode).toMatch(/^[A-Z0-9]{10}$/);
      expect(await pointsOf(member)).toBe(700);
      const ledger = await ds.query(
        'SELECT delta, kind, ref FROM points_ledger WHERE member_id = ? AND kind = ?',
        [member.id, 'redeem'],
      );
      expect(ledger.map((l: { delta: unknown; ref: string }) => [Number(l.delta), l.ref])).toEqual([
        [-300, `event-registration:${made.ticketCode}`],
      ]);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 3, confirmed: 3 });
      expect((await clubEvent(event.id)).seatsLeft).toBe(47);
      await expectBalancesMatchLedger(ds, [member.id]);
    });

    it('writes no ledger entry for a free event and answers the balance as it stands', async () => {
      const event = await createPublishedEvent(club.request, managerToken);
      const member = await memberWith(40);
      const made = await registerOk(club.request, member.accessToken, event.id);
      expect(made).toMatchObject({ status: 'confirmed', pointsSpent: 0, balance: 40 });
      const [{ n }] = await ds.query(
        "SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ? AND kind = 'redeem'",
        [member.id],
      );
      expect(Number(n)).toBe(0);
    });

    it('waitlists a registration that does not fit, in line order, and charges it too', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 2, pointsCost: 100 });
      const [a, b, c] = [await memberWith(100), await memberWith(100), await memberWith(100)];
      expect((await registerOk(club.request, a.accessToken, event.id, 1)).status).toBe('confirmed');
      const second = await registerOk(club.request, b.accessToken, event.id);
      const third = await registerOk(club.request, c.accessToken, event.id);
      expect(second).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, balance: 0 });
      expect(third).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, balance: 0 });
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 2, confirmed: 2 });
      expect((await clubEvent(event.id)).waitlisted).toBe(2);
    });

    it('answers a retry with the same Idempotency-Key with 200 and the first body; another use of the key is 409', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 50 });
      const other = await createPublishedEvent(club.request, managerToken);
      const member = await memberWith(500);
      const key = unique('reg-');
      const first = await register(club.request, member.accessToken, event.id, 0, key).expect(201);
      const again = await register(club.request, member.accessToken, event.id, 0, key).expect(200);
      expect(again.body).toEqual(first.body);
      expect(await pointsOf(member)).toBe(450);

      const elsewhere = await register(club.request, member.accessToken, other.id, 0, key).expect(409);
      expect(elsewhere.body.error).toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        details: { registrationId: first.body.id },
      });
      const bad = await register(club.request, member.accessToken, other.id, 0, 'has space').expect(400);
      expect(fieldsOf(bad.body)).toEqual(['Idempotency-Key']);
    });

    it('makes one registration of the same key sent five times at once', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 10 });
      const member = await memberWith(100);
      const key = unique('burst-');
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => register(club.request, member.accessToken, event.id, 0, key)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(await pointsOf(member)).toBe(90);
    });

    it('refuses a second live registration, even ten sent at once without a key', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 10 });
      const member = await memberWith(1000);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => register(club.request, member.accessToken, event.id)),
      );
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      for (const r of answers.filter((x) => x.status !== 201)) {
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('ALREADY_REGISTERED');
      }
      expect(await pointsOf(member)).toBe(990);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 1, confirmed: 1 });
      await expectBalancesMatchLedger(ds, [member.id]);
    });

    it('refuses too many guests with 400 naming guests', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { guestsAllowed: 1 });
      const member = await memberWith(0);
      const res = await register(club.request, member.accessToken, event.id, 2).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ path: 'guests', message: expect.stringContaining('1') }]);
      const tooMany = await register(club.request, member.accessToken, event.id, 4).expect(400);
      expect(fieldsOf(tooMany.body)).toEqual(['guests']);
      const unknown = await club.request
        .post(`${API}/events/${event.id}/registrations`)
        .set(bearer(member.accessToken))
        .send({ guests: 0, vip: true })
        .expect(400);
      expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a member the event does not invite with NOT_ELIGIBLE', async () => {
      const event = await createPublishedEvent(club.request, managerToken, {
        eligibility: { tiers: ['diamond'] },
      });
      const member = await memberWith(0);
      const res = await register(club.request, member.accessToken, event.id).expect(409);
      expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    });

    it('refuses POINTS_INSUFFICIENT and leaves seats, points and registrations untouched', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 500 });
      const member = await memberWith(499);
      const res = await register(club.request, member.accessToken, event.id).expect(409);
      expect(res.body.error.code).toBe('POINTS_INSUFFICIENT');
      expect(await pointsOf(member)).toBe(499);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 0, confirmed: 0 });
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM event_registrations WHERE event_id = ?', [
        event.id,
      ]);
      expect(Number(n)).toBe(0);
    });

    it('answers 404 for a draft or unknown event and REGISTRATION_CLOSED for a cancelled one', async () => {
      const member = await memberWith(0);
      const draft = await createEvent(club.request, managerToken);
      expect((await register(club.request, member.accessToken, draft.id).expect(404)).body.error.code).toBe(
        'NOT_FOUND',
      );
      await register(club.request, member.accessToken, '999999999').expect(404);
      const event = await createPublishedEvent(club.request, managerToken);
      await club.request
        .post(`${API}/events/${event.id}/cancellation`)
        .set(bearer(managerToken))
        .send({ reason: '场地检修' })
        .expect(200);
      const res = await register(club.request, member.accessToken, event.id).expect(409);
      expect(res.body.error).toMatchObject({ code: 'REGISTRATION_CLOSED', details: { status: 'cancelled' } });
    });

    it('refuses registering before the window opens and after it closes, with the instant', async () => {
      const member = await memberWith(0);
      const opensAt = isoIn(DAY);
      const early = await createPublishedEvent(club.request, managerToken, {
        registration: { opensAt, closesAt: isoIn(2 * DAY) },
      });
      const res = await register(club.request, member.accessToken, early.id).expect(409);
      expect(res.body.error).toMatchObject({ code: 'REGISTRATION_CLOSED', details: { opensAt } });

      const closesAt = isoIn(-HOUR);
      const late = await createPublishedEvent(club.request, managerToken, {
        registration: { opensAt: isoIn(-DAY), closesAt },
      });
      const closed = await register(club.request, member.accessToken, late.id).expect(409);
      expect(closed.body.error).toMatchObject({ code: 'REGISTRATION_CLOSED', details: { closesAt } });
    });

    it('is for members only', async () => {
      const event = await createPublishedEvent(club.request, managerToken);
      await register(club.request, managerToken, event.id).expect(403);
      await club.request.post(`${API}/events/${event.id}/registrations`).send({ guests: 0 }).expect(401);
    });
  });

  describe('DELETE /events/{id}/registrations/me', () => {
    it('cancels, returns the points before closesAt, and lets the member register again', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 200 });
      const member = await memberWith(300);
      const made = await registerOk(club.request, member.accessToken, event.id);
      const res = await cancelMine(club.request, member.accessToken, event.id).expect(200);
      const cancelled = res.body as RegistrationCancelled;
      expect(cancelled).toMatchObject({
        id: made.id,
        status: 'cancelled',
        pointsReturned: 200,
        balance: 300,
      });
      expect(cancelled.cancelledAt).not.toBeNull();
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 0, confirmed: 0 });

      await cancelMine(club.request, member.accessToken, event.id).expect(404);
      const again = await registerOk(club.request, member.accessToken, event.id);
      expect(again.id).not.toBe(made.id);
      expect(again.balance).toBe(100);
      await expectBalancesMatchLedger(ds, [member.id]);
    });

    it('promotes the first waitlisted registrations that fit, in line order, and tells them', async () => {
      const event = await createPublishedEvent(club.request, managerToken, {
        capacity: 3,
        guestsAllowed: 1,
        pointsCost: 10,
      });
      const [a, b, c, d] = [
        await memberWith(10),
        await memberWith(10),
        await memberWith(10),
        await memberWith(10),
      ];
      expect((await registerOk(club.request, a.accessToken, event.id, 1)).status).toBe('confirmed'); // 2 seats
      expect((await registerOk(club.request, b.accessToken, event.id)).status).toBe('confirmed'); // 3 of 3
      const pair = await registerOk(club.request, c.accessToken, event.id, 1); // needs 2
      const single = await registerOk(club.request, d.accessToken, event.id); // needs 1
      expect([pair.waitlistPosition, single.waitlistPosition]).toEqual([1, 2]);

      // One seat frees: the pair first in line does not fit, the single behind it does.
      await cancelMine(club.request, b.accessToken, event.id).expect(200);
      const list = async () =>
        (
          await club.request
            .get(`${API}/events/${event.id}/registrations`)
            .set(bearer(managerToken))
            .expect(200)
        ).body.items as Array<{ id: string; status: string; waitlistPosition?: number }>;
      expect((await list()).map((r) => [r.id, r.status, r.waitlistPosition])).toEqual([
        [expect.any(String), 'confirmed', undefined],
        [expect.any(String), 'cancelled', undefined],
        [pair.id, 'waitlisted', 1],
        [single.id, 'confirmed', undefined],
      ]);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 3, confirmed: 3 });

      // Two seats free: now the pair fits.
      await cancelMine(club.request, a.accessToken, event.id).expect(200);
      expect((await list()).find((r) => r.id === pair.id)?.status).toBe('confirmed');
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 3, confirmed: 3 });

      await club.app.get(OutboxService).dispatchAll();
      for (const [member, registration] of [
        [d, single],
        [c, pair],
      ] as const) {
        const inbox = await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200);
        const promoted = inbox.body.items.filter((n: { kind: string }) => n.kind === 'event_promoted');
        expect(promoted).toEqual([
          expect.objectContaining({
            title: '您已获得席位',
            body: expect.stringContaining(event.title),
            data: expect.objectContaining({ registrationId: registration.id }),
          }),
        ]);
      }
    });

    it('cancels once when the member cancels three times at once, returning the points once', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { pointsCost: 60 });
      const member = await memberWith(60);
      await registerOk(club.request, member.accessToken, event.id);
      const answers = await Promise.all(
        [1, 2, 3].map(() => cancelMine(club.request, member.accessToken, event.id)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 404, 404]);
      expect(await pointsOf(member)).toBe(60);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 0, confirmed: 0 });
      await expectBalancesMatchLedger(ds, [member.id]);
    });

    it('gives a waitlisted member back their points when they leave the line', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 1, pointsCost: 80 });
      const [a, b] = [await memberWith(80), await memberWith(80)];
      await registerOk(club.request, a.accessToken, event.id);
      expect((await registerOk(club.request, b.accessToken, event.id)).status).toBe('waitlisted');
      const res = await cancelMine(club.request, b.accessToken, event.id).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', pointsReturned: 80, balance: 80 });
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 1, confirmed: 1 });
    });

    it('answers 404 with no live registration and for an unknown event', async () => {
      const event = await createPublishedEvent(club.request, managerToken);
      const member = await memberWith(0);
      expect((await cancelMine(club.request, member.accessToken, event.id).expect(404)).body.error.code).toBe(
        'NOT_FOUND',
      );
      await cancelMine(club.request, member.accessToken, '999999999').expect(404);
    });
  });

  describe('a capacity raise and a cancelled event', () => {
    it('promotes the waitlist that now fits when the manager raises the capacity', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 1 });
      const [a, b, c] = [await memberWith(0), await memberWith(0), await memberWith(0)];
      await registerOk(club.request, a.accessToken, event.id);
      const second = await registerOk(club.request, b.accessToken, event.id);
      const third = await registerOk(club.request, c.accessToken, event.id);
      await club.request
        .patch(`${API}/events/${event.id}`)
        .set(bearer(managerToken))
        .send({ capacity: 2 })
        .expect(200);
      const mine = async (m: JoinedMember) =>
        (
          (await club.request.get(`${API}/me/registrations`).set(bearer(m.accessToken)).expect(200))
            .body as Paginated<MyTicket>
        ).items[0];
      expect(await mine(b)).toMatchObject({ id: second.id, status: 'confirmed' });
      expect(await mine(c)).toMatchObject({ id: third.id, status: 'waitlisted', waitlistPosition: 1 });
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 2, confirmed: 2 });
    });

    it('cancels every live registration of a cancelled event, returns all points and tells each member', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 2, pointsCost: 150 });
      const members = [await memberWith(150), await memberWith(150), await memberWith(150)];
      for (const m of members) await registerOk(club.request, m.accessToken, event.id);
      const reason = '台风预警，活动取消';
      await club.request
        .post(`${API}/events/${event.id}/cancellation`)
        .set(bearer(managerToken))
        .send({ reason })
        .expect(200);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 0, confirmed: 0 });
      await club.app.get(OutboxService).dispatchAll();
      for (const m of members) {
        expect(await pointsOf(m)).toBe(150);
        const inbox = await club.request.get(`${API}/me/inbox`).set(bearer(m.accessToken)).expect(200);
        const told = inbox.body.items.filter((n: { kind: string }) => n.kind === 'event_cancelled');
        expect(told).toHaveLength(1);
        expect(told[0].body).toContain(reason);
        expect(told[0].body).toContain('150 积分已全数退还');
      }
      const [{ live }] = await ds.query(
        "SELECT COUNT(*) AS live FROM event_registrations WHERE event_id = ? AND status <> 'cancelled'",
        [event.id],
      );
      expect(Number(live)).toBe(0);
      await expectBalancesMatchLedger(
        ds,
        members.map((m) => m.id),
      );
    });
  });

  describe('a cancellation racing registrations', () => {
    it('leaves no live registration and every point where it was, whichever side each request fell', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 20, pointsCost: 30 });
      const crowd = await createBulkMembers(club, 80, { points: 30 });
      const registering = crowd.map((m) => register(club.request, m.accessToken, event.id));
      const cancelling = club.request
        .post(`${API}/events/${event.id}/cancellation`)
        .set(bearer(managerToken))
        .send({ reason: '主讲人航班取消' });
      const [cancelled, ...answers] = await Promise.all([cancelling, ...registering]);
      expect(cancelled.status).toBe(200);
      for (const a of answers) {
        if (a.status !== 201) expect([a.status, a.body.error.code]).toEqual([409, 'REGISTRATION_CLOSED']);
      }
      const [{ live }] = await ds.query(
        "SELECT COUNT(*) AS live FROM event_registrations WHERE event_id = ? AND status <> 'cancelled'",
        [event.id],
      );
      expect(Number(live)).toBe(0);
      expect(await seatsOnRecord(event.id)).toEqual({ counter: 0, confirmed: 0 });
      const balances = await balancesAgainstLedger(
        ds,
        crowd.map((m) => m.id),
      );
      expect(balances.filter((b) => b.points !== 30 || b.ledgerSum !== 30)).toEqual([]);
    });
  });

  describe('a registration waiting on the event row', () => {
    it('is refused, its points untouched, when the event was cancelled while it waited', async () => {
      const event = await createPublishedEvent(club.request, managerToken, { capacity: 1, pointsCost: 40 });
      await registerOk(club.request, (await memberWith(40)).accessToken, event.id);
      const member = await memberWith(40);
      // Hold the event row as a cancellation does, let the registration (no seat left) queue behind
      // it, then cancel the event and let go.
      const runner = ds.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query('SELECT id FROM events WHERE id = ? FOR UPDATE', [event.id]);
        const pending = register(club.request, member.accessToken, event.id).then((r) => r);
        for (let waited = 0; ; waited += 50) {
          const [{ n }] = await ds.query(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE events%SET confirmed_seats = confirmed_seats +%'",
          );
          if (Number(n) > 0) break;
          if (waited > 10_000) throw new Error('the registration never reached the seat update');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await runner.query("UPDATE events SET status = 'cancelled' WHERE id = ?", [event.id]);
        await runner.commitTransaction();
        const res = await pending;
        expect([res.status, res.body.error?.code]).toEqual([409, 'REGISTRATION_CLOSED']);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await pointsOf(member)).toBe(40);
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM event_registrations WHERE member_id = ?', [
        member.id,
      ]);
      expect(Number(n)).toBe(0);
      await expectBalancesMatchLedger(ds, [member.id]);
    });
  });

  describe('GET /me/registrations', () => {
    it('lists live tickets of coming events first, soonest first, then the rest, page by page', async () => {
      const member = await memberWith(0);
      const later = await createPublishedEvent(club.request, managerToken, {
        startsAt: isoIn(9 * DAY),
        endsAt: isoIn(9 * DAY + HOUR),
      });
      const sooner = await createPublishedEvent(club.request, managerToken, {
        startsAt: isoIn(3 * DAY),
        endsAt: isoIn(3 * DAY + HOUR),
        registration: { opensAt: isoIn(-HOUR), closesAt: isoIn(2 * DAY) },
      });
      const dropped = await createPublishedEvent(club.request, managerToken);
      const laterReg = await registerOk(club.request, member.accessToken, later.id);
      const soonerReg = await registerOk(club.request, member.accessToken, sooner.id);
      const droppedReg = await registerOk(club.request, member.accessToken, dropped.id);
      await cancelMine(club.request, member.accessToken, dropped.id).expect(200);

      const page1 = (
        await club.request.get(`${API}/me/registrations?limit=2`).set(bearer(member.accessToken)).expect(200)
      ).body as Paginated<MyTicket>;
      expect(page1.items.map((t) => [t.id, t.status, t.event.id])).toEqual([
        [soonerReg.id, 'confirmed', sooner.id],
        [laterReg.id, 'confirmed', later.id],
      ]);
      expect(page1.items[0].event).toMatchObject({
        title: sooner.title,
        status: 'published',
        venue: sooner.venue,
      });
      expect(page1.nextCursor).toBe(laterReg.id);
      const page2 = (
        await club.request
          .get(`${API}/me/registrations?limit=2&cursor=${page1.nextCursor}`)
          .set(bearer(member.accessToken))
          .expect(200)
      ).body as Paginated<MyTicket>;
      expect(page2.items.map((t) => [t.id, t.status])).toEqual([[droppedReg.id, 'cancelled']]);
      expect(page2.nextCursor).toBeNull();
      const bad = await club.request
        .get(`${API}/me/registrations?cursor=abc`)
        .set(bearer(member.accessToken))
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['cursor']);
    });
  });
});
