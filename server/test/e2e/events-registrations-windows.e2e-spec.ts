// The registration window's edges through HTTP on MariaDB, to the millisecond: the clock is frozen
// (Date only) in this process, which the app under test shares. `[opensAt, closesAt)`: the instant a
// window opens registering is allowed, a millisecond before it is not; priority tiers start at
// priorityOpensAt and no one else does; points come back on cancelling only before closesAt; after
// it, the waitlist is released with its points.
import type { RegistrationCancelled, RegistrationCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
} from '../factories/club.factory';
import { createPublishedEvent, MINUTE } from '../factories/events.factory';
import { expectBalancesMatchLedger, purchaseBody, recordPurchase } from '../factories/points.factory';
import {
  cancelMine,
  freezeClock,
  register,
  registerOk,
  runJob,
  thawClock,
} from '../factories/registrations.factory';
import { adjustPoints } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events: registration windows, to the millisecond', () => {
  let club: TestApp;
  let managerToken: string;
  let storeId: string;
  // Every instant below lies within the access tokens' 15 minutes from the start of the suite.
  const base = Math.ceil((Date.now() + 2 * MINUTE) / 1000) * 1000;
  const priorityOpensAt = base;
  const opensAt = base + MINUTE;
  const closesAt = base + 4 * MINUTE;
  const startsAt = base + 5 * MINUTE;
  const window = {
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
    priorityTiers: ['gold' as const],
    priorityOpensAt: new Date(priorityOpensAt).toISOString(),
  };
  const eventTimes = {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 2 * MINUTE).toISOString(),
    registration: window,
  };

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    storeId = (await createStoreAndClerk(club.request, managerToken)).store.id;
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  async function goldMember(): Promise<JoinedMember> {
    const member = await joinMember(club.request);
    // 10,000.00 of spend in the last 12 months makes a gold member at once.
    await recordPurchase(
      club.request,
      managerToken,
      purchaseBody(storeId, { memberId: member.id }, { amount: 1_000_000 }),
    );
    const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
    expect(me.body.tier).toBe('gold');
    return member;
  }

  it('opens at opensAt exactly: a millisecond before is REGISTRATION_CLOSED with opensAt', async () => {
    const event = await createPublishedEvent(club.request, managerToken, eventTimes);
    const friend = await joinMember(club.request);

    freezeClock(opensAt - 1);
    const early = await register(club.request, friend.accessToken, event.id).expect(409);
    expect(early.body.error).toMatchObject({
      code: 'REGISTRATION_CLOSED',
      details: { opensAt: window.opensAt },
    });

    freezeClock(opensAt);
    const made = (await register(club.request, friend.accessToken, event.id).expect(201))
      .body as RegistrationCreated;
    expect(made).toMatchObject({ status: 'confirmed', createdAt: window.opensAt });
  });

  it('lets priority tiers in from priorityOpensAt, and no one else before opensAt', async () => {
    const event = await createPublishedEvent(club.request, managerToken, eventTimes);
    const gold = await goldMember();
    const friend = await joinMember(club.request);

    freezeClock(priorityOpensAt - 1);
    const tooEarly = await register(club.request, gold.accessToken, event.id).expect(409);
    expect(tooEarly.body.error).toMatchObject({
      code: 'REGISTRATION_CLOSED',
      details: { opensAt: window.priorityOpensAt },
    });

    freezeClock(priorityOpensAt);
    await register(club.request, gold.accessToken, event.id).expect(201);
    const notPriority = await register(club.request, friend.accessToken, event.id).expect(409);
    expect(notPriority.body.error).toMatchObject({
      code: 'REGISTRATION_CLOSED',
      details: { opensAt: window.opensAt },
    });

    freezeClock(opensAt - 1);
    await register(club.request, friend.accessToken, event.id).expect(409);
    freezeClock(opensAt);
    await register(club.request, friend.accessToken, event.id).expect(201);
  });

  it('closes at closesAt exactly: a millisecond before is still open', async () => {
    const event = await createPublishedEvent(club.request, managerToken, eventTimes);
    const [last, late] = [await joinMember(club.request), await joinMember(club.request)];

    freezeClock(closesAt - 1);
    await register(club.request, last.accessToken, event.id).expect(201);
    freezeClock(closesAt);
    const res = await register(club.request, late.accessToken, event.id).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'REGISTRATION_CLOSED',
      details: { closesAt: window.closesAt },
    });
  });

  it('returns the points of a cancellation only before closesAt', async () => {
    const event = await createPublishedEvent(club.request, managerToken, { ...eventTimes, pointsCost: 300 });
    const [early, late] = [await joinMember(club.request), await joinMember(club.request)];
    for (const m of [early, late]) await adjustPoints(club.request, managerToken, m.id, 1000);

    freezeClock(opensAt);
    for (const m of [early, late]) {
      expect((await registerOk(club.request, m.accessToken, event.id)).balance).toBe(700);
    }

    freezeClock(closesAt - 1);
    const inTime = (await cancelMine(club.request, early.accessToken, event.id).expect(200))
      .body as RegistrationCancelled;
    expect(inTime).toMatchObject({ status: 'cancelled', pointsReturned: 300, balance: 1000 });

    freezeClock(closesAt);
    const tooLate = (await cancelMine(club.request, late.accessToken, event.id).expect(200))
      .body as RegistrationCancelled;
    expect(tooLate).toMatchObject({ status: 'cancelled', pointsReturned: 0, balance: 700 });
    await expectBalancesMatchLedger(club.app.get(DataSource), [early.id, late.id]);
  });

  it('releases the waitlist once registration closes: cancelled, points back, told, once', async () => {
    const event = await createPublishedEvent(club.request, managerToken, {
      ...eventTimes,
      capacity: 1,
      pointsCost: 200,
    });
    const [seated, waiting] = [await joinMember(club.request), await joinMember(club.request)];
    for (const m of [seated, waiting]) await adjustPoints(club.request, managerToken, m.id, 500);

    freezeClock(opensAt);
    expect((await registerOk(club.request, seated.accessToken, event.id)).status).toBe('confirmed');
    const queued = await registerOk(club.request, waiting.accessToken, event.id);
    expect(queued).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      pointsSpent: 200,
      balance: 300,
    });

    freezeClock(closesAt - 1);
    expect(await runJob(club.request, managerToken, 'event-waitlist-release')).toMatchObject({
      effects: { released: 0 },
    });

    freezeClock(closesAt);
    expect(await runJob(club.request, managerToken, 'event-waitlist-release')).toMatchObject({
      effects: { released: 1, pointsReturned: 200 },
    });
    expect(await runJob(club.request, managerToken, 'event-waitlist-release')).toMatchObject({
      effects: { released: 0 },
    });

    const mine = await club.request
      .get(`${API}/me/registrations`)
      .set(bearer(waiting.accessToken))
      .expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: queued.id, status: 'cancelled' })]);
    const card = await club.request.get(`${API}/me`).set(bearer(waiting.accessToken)).expect(200);
    expect(card.body.points).toBe(500);
    const seatedCard = await club.request.get(`${API}/me`).set(bearer(seated.accessToken)).expect(200);
    expect(seatedCard.body.points).toBe(300);

    await club.app.get(OutboxService).dispatchAll();
    const inbox = await club.request.get(`${API}/me/inbox`).set(bearer(waiting.accessToken)).expect(200);
    const released = inbox.body.items.filter((n: { kind: string }) => n.kind === 'event_waitlist_released');
    expect(released).toHaveLength(1);
    expect(released[0].body).toContain(event.title);
    await expectBalancesMatchLedger(club.app.get(DataSource), [seated.id, waiting.id]);
  });
});
