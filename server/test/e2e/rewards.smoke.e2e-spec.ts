// The rewards loop on either database: a manager offers a gift, a member redeems it and a clerk
// hands it over; a second redemption is cancelled and everything it took comes back.
import type { RedemptionCreated, Reward, RewardForMember } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import { adjustPoints, balancesAndLedgerSums, createReward, redeem } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('rewards (smoke)', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let member: JoinedMember;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    member = await joinMember(club.request);
    await adjustPoints(club.request, managerToken, member.id, 1000);
  });
  afterAll(async () => {
    await club?.close();
  });

  it('create → list → redeem → fulfil; redeem → cancel', async () => {
    const reward: Reward = await createReward(club.request, managerToken, { pointsCost: 300, stock: 5 });
    expect(reward).toMatchObject({ pointsCost: 300, stock: 5, stockLeft: 5, tiers: [], imageUrl: null });

    const list = await club.request.get(`${API}/rewards`).set(bearer(member.accessToken)).expect(200);
    const listed = (list.body.items as RewardForMember[]).find((r) => r.id === reward.id);
    expect(listed).toMatchObject({ pointsCost: 300, stockLeft: 5, redeemable: true, alreadyRedeemed: 0 });
    expect(listed).not.toHaveProperty('reason');

    const first = await redeem(club.request, member.accessToken, reward.id, 2).expect(201);
    const created = first.body as RedemptionCreated;
    expect(created).toEqual({
      id: expect.stringMatching(/^\d+$/),
      code: expect.stringMatching(/^[A-Z2-9]{8}$/),
      status: 'awaiting_pickup',
      pointsSpent: 600,
      balance: 400,
    });

    const fulfilled = await club.request
      .post(`${API}/redemptions/fulfilments`)
      .set(bearer(shop.clerkToken))
      .send({ code: created.code })
      .expect(200);
    expect(fulfilled.body).toMatchObject({
      id: created.id,
      status: 'fulfilled',
      quantity: 2,
      fulfilledStoreId: shop.store.id,
      member: { id: member.id, name: member.name },
    });

    const second = (await redeem(club.request, member.accessToken, reward.id, 1).expect(201))
      .body as RedemptionCreated;
    expect(second.balance).toBe(100);
    const cancelled = await club.request
      .post(`${API}/redemptions/${second.id}/cancellation`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(cancelled.body).toMatchObject({
      id: second.id,
      status: 'cancelled',
      pointsReturned: 300,
      balance: 400,
    });

    const mine = await club.request.get(`${API}/me/redemptions`).set(bearer(member.accessToken)).expect(200);
    expect(mine.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [second.id, 'cancelled'],
      [created.id, 'fulfilled'],
    ]);
    const after = await club.request
      .get(`${API}/rewards/${reward.id}`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(after.body).toMatchObject({ stockLeft: 3, alreadyRedeemed: 2 });
    expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
      { memberId: member.id, points: 400, ledgerSum: 400 },
    ]);
  });

  it('documents every rewards route in OpenAPI, the redemption with its Idempotency-Key', async () => {
    const doc = (await club.request.get('/api/docs/json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const routes: Array<[string, string]> = [
      ['/api/v1/rewards', 'post'],
      ['/api/v1/rewards', 'get'],
      ['/api/v1/rewards/{id}', 'patch'],
      ['/api/v1/rewards/{id}', 'get'],
      ['/api/v1/rewards/manage', 'get'],
      ['/api/v1/rewards/{id}/redemptions', 'post'],
      ['/api/v1/me/redemptions', 'get'],
      ['/api/v1/redemptions/fulfilments', 'post'],
      ['/api/v1/redemptions/{id}/cancellation', 'post'],
      // redemptions-expiry runs through the one jobs route (the jobs module), no longer a route of its own.
      ['/api/v1/jobs/{name}/runs', 'post'],
    ];
    expect(routes.filter(([path, method]) => !doc.paths[path]?.[method])).toEqual([]);
    expect(doc.paths['/api/v1/rewards/{id}/redemptions'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
  });
});
