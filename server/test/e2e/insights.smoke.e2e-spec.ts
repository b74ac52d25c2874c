import type { InsightsOverview } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
} from '../factories/club.factory';
import { insightsClubSuite } from '../factories/insights-club';
import { purchaseBody, recordPurchase } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

// The overview on the embedded database: an empty club, access, and the same hand-built club as on MariaDB
// (SQLite compares ids and times by its own rules, so each figure is held to the same values here too).
describe('GET /insights/overview on SQLite', () => {
  let club: TestApp;
  let managerToken: string;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
  });
  afterAll(async () => {
    await club?.close();
  });

  const overview = async (query = ''): Promise<InsightsOverview> =>
    (await club.request.get(`${API}/insights/overview${query}`).set(bearer(managerToken)).expect(200))
      .body as InsightsOverview;

  it('answers every figure for the club and for one store', async () => {
    const empty = await overview();
    expect(empty.members.total).toBe(0);
    expect(empty.tierMix).toEqual([
      { tier: 'friend', members: 0 },
      { tier: 'silver', members: 0 },
      { tier: 'gold', members: 0 },
      { tier: 'diamond', members: 0 },
    ]);
    expect(empty.repeatPurchase).toEqual({ of: 0, count: 0, rate: 0 });
    expect(empty.followUps.averageRatingLast30Days).toBeNull();

    const a = await createStoreAndClerk(club.request, managerToken);
    const b = await createStoreAndClerk(club.request, managerToken);
    const buyer = await joinMember(club.request, { storeId: a.store.id, birthday: '1990-01-10' });
    await joinMember(club.request, { storeId: b.store.id, consent: { marketing: false } });
    const day = 24 * 60 * 60 * 1000;
    for (const ago of [3 * day, 0]) {
      await recordPurchase(
        club.request,
        a.clerkToken,
        purchaseBody(
          a.store.id,
          { memberId: buyer.id },
          {
            amount: 100_000,
            occurredAt: new Date(Date.now() - ago - 60_000).toISOString(),
          },
        ),
      );
    }
    const me = await club.request.get(`${API}/me`).set(bearer(buyer.accessToken)).expect(200);

    const whole = await overview();
    expect(whole.members).toEqual({ total: 2, active: 1, joinedLast30Days: 2, withMarketingConsent: 1 });
    expect(whole.repeatPurchase).toEqual({ of: 1, count: 1, rate: 1 });
    expect(whole.netSpendLast30Days).toBe(200_000);
    expect(whole.points.outstanding).toBe(me.body.points);
    expect(whole.points.issuedLast30Days).toBe(me.body.points);

    const storeB = await overview(`?storeId=${b.store.id}`);
    expect(storeB.storeId).toBe(b.store.id);
    expect(storeB.members).toEqual({ total: 1, active: 0, joinedLast30Days: 1, withMarketingConsent: 0 });
    expect(storeB.netSpendLast30Days).toBe(0);
  });

  it('is for managers only, and refuses an unknown store or field', async () => {
    const { clerkToken } = await createStoreAndClerk(club.request, managerToken);
    const member = await joinMember(club.request);
    for (const token of [clerkToken, member.accessToken]) {
      const res = await club.request.get(`${API}/insights/overview`).set(bearer(token)).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const unknown = await club.request
      .get(`${API}/insights/overview?storeId=999999`)
      .set(bearer(managerToken))
      .expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const bad = await club.request
      .get(`${API}/insights/overview?store=1`)
      .set(bearer(managerToken))
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad.body)).toContain('store');
  });
});

insightsClubSuite('GET /insights/overview on SQLite: the hand-built club');
