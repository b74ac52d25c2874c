// A registration's whole life on either database (the embedded SQLite of the quick start too):
// register and pay, wait in line, be promoted when a seat frees, check in, rate; and a cancelled
// event giving everyone their points back.
import type { RegistrationCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { API, bearer, joinMember, type JoinedMember, loginManager } from '../factories/club.factory';
import { createPublishedEvent, HOUR, MINUTE } from '../factories/events.factory';
import { expectBalancesMatchLedger } from '../factories/points.factory';
import {
  cancelMine,
  checkInOk,
  eventTimesFrom,
  freezeClock,
  register,
  registerOk,
  thawClock,
} from '../factories/registrations.factory';
import { adjustPoints } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('event registrations (smoke)', () => {
  let club: TestApp;
  let managerToken: string;
  let members: JoinedMember[];
  const startsAt = Math.ceil((Date.now() + 2 * MINUTE) / 1000) * 1000;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    members = [];
    for (let i = 0; i < 3; i++) {
      const m = await joinMember(club.request);
      await adjustPoints(club.request, managerToken, m.id, 500);
      members.push(m);
    }
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  const points = async (m: JoinedMember) =>
    (await club.request.get(`${API}/me`).set(bearer(m.accessToken)).expect(200)).body.points as number;

  it('registers, waitlists, promotes, checks in and takes a rating', async () => {
    const [a, b, c] = members;
    const event = await createPublishedEvent(club.request, managerToken, {
      capacity: 2,
      pointsCost: 100,
      ...eventTimesFrom(startsAt, HOUR),
    });
    const first = await registerOk(club.request, a.accessToken, event.id, 1);
    expect(first).toMatchObject({ status: 'confirmed', seats: 2, balance: 400 });
    const second = (await register(club.request, b.accessToken, event.id).expect(201))
      .body as RegistrationCreated;
    const third = await registerOk(club.request, c.accessToken, event.id);
    expect([second.status, second.waitlistPosition, third.waitlistPosition]).toEqual(['waitlisted', 1, 2]);
    expect((await register(club.request, b.accessToken, event.id).expect(409)).body.error.code).toBe(
      'ALREADY_REGISTERED',
    );

    await cancelMine(club.request, a.accessToken, event.id).expect(200);
    expect(await points(a)).toBe(500);
    const line = await club.request
      .get(`${API}/events/${event.id}/registrations`)
      .set(bearer(managerToken))
      .expect(200);
    expect(line.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [first.id, 'cancelled'],
      [second.id, 'confirmed'],
      [third.id, 'confirmed'],
    ]);

    const door = await checkInOk(club.request, managerToken, event.id, second.ticketCode);
    expect(door).toMatchObject({ checkedInSeats: 1, confirmedSeats: 2 });
    freezeClock(startsAt);
    const rated = await club.request
      .post(`${API}/events/${event.id}/feedback`)
      .set(bearer(b.accessToken))
      .send({ rating: 3, comment: '还行' })
      .expect(201);
    expect(rated.body).toEqual({ rating: 3, comment: '还行', followUpOpened: true });
  });

  it('gives everyone their points back when the event is cancelled', async () => {
    const event = await createPublishedEvent(club.request, managerToken, { capacity: 1, pointsCost: 50 });
    const before = await Promise.all(members.map(points));
    for (const m of members) await registerOk(club.request, m.accessToken, event.id);
    await club.request
      .post(`${API}/events/${event.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '嘉宾临时有事' })
      .expect(200);
    expect(await Promise.all(members.map(points))).toEqual(before);
    await expectBalancesMatchLedger(
      club.app.get(DataSource),
      members.map((m) => m.id),
    );
  });
});
