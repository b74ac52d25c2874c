// Every rewards route and error code through HTTP on MariaDB: the manager's editor, the member's
// catalogue and redemptions, pickup at the counter, cancellation and the expiry job.
import type {
  CreateRewardInput,
  Paginated,
  RedemptionCreated,
  Reward,
  RewardForMember,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  unique,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import {
  adjustPoints,
  balancesAndLedgerSums,
  createReward,
  redeem,
  rewardBody,
} from '../factories/rewards.factory';
import { purchaseBody, recordPurchase } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const HOUR = 3_600_000;

describe('rewards', () => {
  let club: TestApp;
  let managerToken: string;
  let managerId: string;
  let shop: StoreAndClerk;
  const everyone: string[] = [];

  beforeAll(async () => {
    club = await startTestApp();
    const manager = await loginManager(club.request);
    managerToken = manager.accessToken;
    managerId = manager.staff.id;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  /** A new member with `points`, remembered for the final balance check. */
  async function memberWith(points: number): Promise<JoinedMember> {
    const member = await joinMember(club.request);
    if (points !== 0) await adjustPoints(club.request, managerToken, member.id, points);
    everyone.push(member.id);
    return member;
  }

  async function catalogueEntry(
    member: JoinedMember,
    rewardId: string,
  ): Promise<RewardForMember | undefined> {
    const items: RewardForMember[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: Paginated<RewardForMember> } = await club.request
        .get(`${API}/rewards`)
        .query({ limit: 100, ...(cursor ? { cursor } : {}) })
        .set(bearer(member.accessToken))
        .expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items.find((r) => r.id === rewardId);
  }

  async function auditOf(entity: string): Promise<unknown[]> {
    const res = await club.request
      .get(`${API}/audit-log`)
      .query({ entity })
      .set(bearer(managerToken))
      .expect(200);
    return res.body.items as unknown[];
  }

  async function stockLeft(rewardId: string): Promise<number> {
    const rows: Array<{ stock_left: unknown }> = await club.app
      .get(DataSource)
      .query('SELECT stock_left FROM rewards WHERE id = ?', [rewardId]);
    return Number(rows[0].stock_left);
  }

  describe('POST /rewards · PATCH /rewards/{id} · GET /rewards/manage (manager)', () => {
    it('creates a reward: 201 with every field, stockLeft = stock, in the audit log', async () => {
      const body = rewardBody({ tiers: ['gold', 'diamond'], imageUrl: 'https://img.example/gift.png' });
      const res = await club.request.post(`${API}/rewards`).set(bearer(managerToken)).send(body).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: body.name,
        description: body.description,
        kind: 'gift',
        pointsCost: 100,
        stock: 50,
        stockLeft: 50,
        perMemberLimit: 5,
        tiers: ['gold', 'diamond'],
        availableFrom: new Date(body.availableFrom).toISOString(),
        availableTo: new Date(body.availableTo).toISOString(),
        imageUrl: 'https://img.example/gift.png',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await auditOf('reward')).toContainEqual(
        expect.objectContaining({
          actor: `staff:${managerId}`,
          action: 'reward.create',
          entityId: res.body.id,
          before: null,
          after: expect.objectContaining({ name: body.name, stock: 50 }),
        }),
      );
    });

    it.each([
      ['pointsCost 0', { pointsCost: 0 }, ['pointsCost']],
      ['pointsCost as a string', { pointsCost: '100' }, ['pointsCost']],
      ['a negative stock', { stock: -1 }, ['stock']],
      ['perMemberLimit 0', { perMemberLimit: 0 }, ['perMemberLimit']],
      ['an unknown kind', { kind: 'coupon' }, ['kind']],
      ['an unknown tier', { tiers: ['platinum'] }, ['tiers.0']],
      ['a window that ends before it starts', { availableTo: '2020-01-01T00:00:00Z' }, ['availableTo']],
      ['a time without offset', { availableFrom: '2026-01-01T00:00:00' }, ['availableFrom']],
      ['an unknown field', { colour: 'gold' }, ['colour']],
    ])('refuses %s with 400 naming the field', async (_label, changes, fields) => {
      const res = await club.request
        .post(`${API}/rewards`)
        .set(bearer(managerToken))
        .send({ ...rewardBody(), ...changes })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(fields));
    });

    it('is for managers only: 401 without a token, 403 for clerks and members', async () => {
      const member = await memberWith(0);
      await club.request.post(`${API}/rewards`).send(rewardBody()).expect(401);
      for (const token of [shop.clerkToken, member.accessToken]) {
        const res = await club.request
          .post(`${API}/rewards`)
          .set(bearer(token))
          .send(rewardBody())
          .expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        await club.request.get(`${API}/rewards/manage`).set(bearer(token)).expect(403);
      }
    });

    it('edits a reward: stock moves stockLeft by as much, audited before and after', async () => {
      const reward = await createReward(club.request, managerToken, { stock: 10, pointsCost: 10 });
      const member = await memberWith(100);
      await redeem(club.request, member.accessToken, reward.id, 3).expect(201);

      const res = await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ name: '新名字', stock: 20, tiers: ['silver'] })
        .expect(200);
      expect(res.body).toMatchObject({
        id: reward.id,
        name: '新名字',
        stock: 20,
        stockLeft: 17,
        tiers: ['silver'],
      });

      expect(await auditOf('reward')).toContainEqual(
        expect.objectContaining({
          action: 'reward.update',
          entityId: reward.id,
          before: expect.objectContaining({ stock: 10, stockLeft: 7, name: reward.name }),
          after: expect.objectContaining({ stock: 20, stockLeft: 17, name: '新名字' }),
        }),
      );
    });

    it('refuses a stock below what members hold with 409 CONFLICT, changing nothing', async () => {
      const reward = await createReward(club.request, managerToken, { stock: 10, pointsCost: 10 });
      const member = await memberWith(100);
      await redeem(club.request, member.accessToken, reward.id, 4).expect(201);
      const res = await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ stock: 3, name: '不应生效' })
        .expect(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'stock', held: 4 } });
      await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ stock: 4 })
        .expect(200);
      expect(await stockLeft(reward.id)).toBe(0);
      const list = await club.request.get(`${API}/rewards/manage`).set(bearer(managerToken)).expect(200);
      expect((list.body.items as Reward[]).find((r) => r.id === reward.id)?.name).toBe(reward.name);
    });

    it('checks a half window against the stored half, and refuses an empty or unknown change', async () => {
      const reward = await createReward(club.request, managerToken);
      const before = await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ availableTo: new Date(Date.parse(reward.availableFrom) - 1000).toISOString() })
        .expect(400);
      expect(fieldsOf(before.body)).toEqual(['availableTo']);
      await club.request.patch(`${API}/rewards/${reward.id}`).set(bearer(managerToken)).send({}).expect(400);
      const extra = await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ stockLeft: 1000 })
        .expect(400);
      expect(fieldsOf(extra.body)).toEqual(['stockLeft']);
    });

    it('answers 404 for an unknown reward and 400 for an id that is no id', async () => {
      const res = await club.request
        .patch(`${API}/rewards/999999999`)
        .set(bearer(managerToken))
        .send({ name: 'x' })
        .expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      await club.request
        .patch(`${API}/rewards/abc`)
        .set(bearer(managerToken))
        .send({ name: 'x' })
        .expect(400);
    });

    it('lists every reward newest first, a page at a time', async () => {
      const a = await createReward(club.request, managerToken);
      const b = await createReward(club.request, managerToken);
      const first = await club.request
        .get(`${API}/rewards/manage`)
        .query({ limit: 1 })
        .set(bearer(managerToken))
        .expect(200);
      expect(first.body.items.map((r: Reward) => r.id)).toEqual([b.id]);
      expect(first.body.nextCursor).toBe(b.id);
      const second = await club.request
        .get(`${API}/rewards/manage`)
        .query({ limit: 1, cursor: first.body.nextCursor })
        .set(bearer(managerToken))
        .expect(200);
      expect(second.body.items.map((r: Reward) => r.id)).toEqual([a.id]);
    });
  });

  describe('GET /rewards (member catalogue)', () => {
    it('says for each reward whether this member may redeem one now, and why not', async () => {
      const member = await memberWith(150);
      const now = Date.now();
      const open = await createReward(club.request, managerToken, { pointsCost: 100 });
      const goldOnly = await createReward(club.request, managerToken, { tiers: ['gold', 'diamond'] });
      const later = await createReward(club.request, managerToken, {
        availableFrom: new Date(now + HOUR).toISOString(),
        availableTo: new Date(now + 2 * HOUR).toISOString(),
      });
      const none = await createReward(club.request, managerToken, { stock: 0 });
      const once = await createReward(club.request, managerToken, { pointsCost: 10, perMemberLimit: 1 });
      const dear = await createReward(club.request, managerToken, { pointsCost: 151 });
      await redeem(club.request, member.accessToken, once.id).expect(201);

      expect(await catalogueEntry(member, open.id)).toEqual({
        id: open.id,
        name: open.name,
        description: open.description,
        kind: 'gift',
        pointsCost: 100,
        stockLeft: 50,
        perMemberLimit: 5,
        tiers: [],
        availableFrom: open.availableFrom,
        availableTo: open.availableTo,
        imageUrl: null,
        alreadyRedeemed: 0,
        redeemable: true,
      });
      const reasons = await Promise.all(
        [goldOnly, later, none, once, dear].map(async (r) => {
          const entry = await catalogueEntry(member, r.id);
          return [entry?.redeemable, entry?.reason];
        }),
      );
      expect(reasons).toEqual([
        [false, 'NOT_ELIGIBLE'],
        [false, 'NOT_AVAILABLE_YET'],
        [false, 'OUT_OF_STOCK'],
        [false, 'LIMIT_REACHED'],
        [false, 'POINTS_INSUFFICIENT'],
      ]);
      expect((await catalogueEntry(member, once.id))?.alreadyRedeemed).toBe(1);
    });

    it('leaves out rewards that have ended; GET /rewards/{id} still shows one, EXPIRED', async () => {
      const member = await memberWith(0);
      const ended = await createReward(club.request, managerToken);
      await club.request
        .patch(`${API}/rewards/${ended.id}`)
        .set(bearer(managerToken))
        .send({ availableTo: new Date(Date.now() - 1000).toISOString() })
        .expect(200);
      expect(await catalogueEntry(member, ended.id)).toBeUndefined();
      const one = await club.request
        .get(`${API}/rewards/${ended.id}`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(one.body).toMatchObject({ redeemable: false, reason: 'EXPIRED' });
      await club.request.get(`${API}/rewards/999999999`).set(bearer(member.accessToken)).expect(404);
    });

    it('pages with limit and cursor, and refuses a bad limit', async () => {
      const member = await memberWith(0);
      await createReward(club.request, managerToken);
      await createReward(club.request, managerToken);
      const first = await club.request
        .get(`${API}/rewards`)
        .query({ limit: 1 })
        .set(bearer(member.accessToken))
        .expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const next = await club.request
        .get(`${API}/rewards`)
        .query({ limit: 1, cursor: first.body.nextCursor })
        .set(bearer(member.accessToken))
        .expect(200);
      expect(Number(next.body.items[0].id)).toBeGreaterThan(Number(first.body.items[0].id));
      await club.request
        .get(`${API}/rewards`)
        .query({ limit: 0 })
        .set(bearer(member.accessToken))
        .expect(400);
      await club.request
        .get(`${API}/rewards`)
        .query({ limit: 101 })
        .set(bearer(member.accessToken))
        .expect(400);
    });

    it('is for members: staff get 403', async () => {
      await club.request.get(`${API}/rewards`).set(bearer(shop.clerkToken)).expect(403);
      await club.request.get(`${API}/rewards`).set(bearer(managerToken)).expect(403);
    });
  });

  describe('POST /rewards/{id}/redemptions', () => {
    it('spends points and stock at once: 201 with the pickup code and the balance', async () => {
      const member = await memberWith(1_000);
      const reward = await createReward(club.request, managerToken, { pointsCost: 120, stock: 5 });
      const res = await redeem(club.request, member.accessToken, reward.id, 3).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        code: expect.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/),
        status: 'awaiting_pickup',
        pointsSpent: 360,
        balance: 640,
      });
      expect(await stockLeft(reward.id)).toBe(2);
      const ledger = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
      expect(ledger.body.items[0]).toMatchObject({ delta: -360, kind: 'redeem', balanceAfter: 640 });
    });

    it('answers a retry with the same key with the first answer (200), changing nothing', async () => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      const key = unique('retry-');
      const first = await redeem(club.request, member.accessToken, reward.id, 2, key).expect(201);
      const again = await redeem(club.request, member.accessToken, reward.id, 2, key).expect(200);
      expect(again.body).toEqual(first.body);
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: 300, ledgerSum: 300 },
      ]);
      const other = await createReward(club.request, managerToken, { pointsCost: 100 });
      for (const [rewardId, quantity] of [
        [reward.id, 1],
        [other.id, 2],
      ] as const) {
        const res = await redeem(club.request, member.accessToken, rewardId, quantity, key).expect(409);
        expect(res.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
      }
      // The same key belongs to each member alone.
      const stranger = await memberWith(500);
      await redeem(club.request, stranger.accessToken, reward.id, 2, key).expect(201);
    });

    it('requires an Idempotency-Key: 400 naming it when missing or malformed', async () => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken);
      const missing = await club.request
        .post(`${API}/rewards/${reward.id}/redemptions`)
        .set(bearer(member.accessToken))
        .send({ quantity: 1 })
        .expect(400);
      expect(missing.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(missing.body)).toEqual(['Idempotency-Key']);
      const long = await redeem(club.request, member.accessToken, reward.id, 1, 'k'.repeat(65)).expect(400);
      expect(fieldsOf(long.body)).toEqual(['Idempotency-Key']);
    });

    it.each([
      ['quantity 0', { quantity: 0 }],
      ['quantity 10,000', { quantity: 10_000 }],
      ['quantity 11', { quantity: 11 }],
      ['quantity -1', { quantity: -1 }],
      ['quantity 1.5', { quantity: 1.5 }],
      ['quantity as a string', { quantity: '1' }],
      ['no quantity', {}],
      ['an unknown field', { quantity: 1, memberId: '1' }],
    ])('refuses %s with 400, spending nothing', async (_label, body) => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken);
      const res = await club.request
        .post(`${API}/rewards/${reward.id}/redemptions`)
        .set(bearer(member.accessToken))
        .set('Idempotency-Key', unique('k-'))
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body).length).toBeGreaterThan(0);
      expect(await stockLeft(reward.id)).toBe(50);
    });

    it('answers 404 for an unknown reward and 400 for a malformed id', async () => {
      const member = await memberWith(500);
      const res = await redeem(club.request, member.accessToken, '999999999').expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      await redeem(club.request, member.accessToken, 'gift').expect(400);
    });

    it('refuses with 409 and the reason, spending nothing', async () => {
      const member = await memberWith(300);
      const now = Date.now();
      const cases: Array<[Partial<CreateRewardInput>, number, string, string]> = [
        [{ tiers: ['gold'] }, 1, 'NOT_ELIGIBLE', 'NOT_ELIGIBLE'],
        [
          {
            availableFrom: new Date(now + HOUR).toISOString(),
            availableTo: new Date(now + 2 * HOUR).toISOString(),
          },
          1,
          'NOT_ELIGIBLE',
          'NOT_AVAILABLE_YET',
        ],
        [{ stock: 2 }, 3, 'OUT_OF_STOCK', 'OUT_OF_STOCK'],
        [{ perMemberLimit: 2 }, 3, 'LIMIT_REACHED', 'LIMIT_REACHED'],
        [{ pointsCost: 301 }, 1, 'POINTS_INSUFFICIENT', 'POINTS_INSUFFICIENT'],
        [{ pointsCost: 101 }, 3, 'POINTS_INSUFFICIENT', 'POINTS_INSUFFICIENT'],
      ];
      for (const [overrides, quantity, code, reason] of cases) {
        const reward = await createReward(club.request, managerToken, { pointsCost: 10, ...overrides });
        const res = await redeem(club.request, member.accessToken, reward.id, quantity).expect(409);
        expect([res.body.error.code, res.body.error.details?.reason]).toEqual([code, reason]);
        expect(await stockLeft(reward.id)).toBe(overrides.stock ?? 50);
      }
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: 300, ledgerSum: 300 },
      ]);
    });

    it('refuses a reward that has ended: 409 NOT_ELIGIBLE, reason EXPIRED', async () => {
      const member = await memberWith(300);
      const reward = await createReward(club.request, managerToken);
      await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ availableTo: new Date(Date.now() - 1000).toISOString() })
        .expect(200);
      const res = await redeem(club.request, member.accessToken, reward.id).expect(409);
      expect(res.body.error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'EXPIRED' } });
    });

    it('lets the limit count units held, and frees them on cancellation', async () => {
      const member = await memberWith(1_000);
      const reward = await createReward(club.request, managerToken, { pointsCost: 10, perMemberLimit: 3 });
      const first = (await redeem(club.request, member.accessToken, reward.id, 2).expect(201))
        .body as RedemptionCreated;
      await redeem(club.request, member.accessToken, reward.id, 2).expect(409);
      await redeem(club.request, member.accessToken, reward.id, 1).expect(201);
      await club.request
        .post(`${API}/redemptions/${first.id}/cancellation`)
        .set(bearer(member.accessToken))
        .expect(200);
      await redeem(club.request, member.accessToken, reward.id, 2).expect(201);
    });

    it('blocks a member whose balance is below zero, whatever the cost', async () => {
      const member = await memberWith(100);
      await adjustPoints(club.request, managerToken, member.id, -150);
      const reward = await createReward(club.request, managerToken, { pointsCost: 1 });
      expect((await catalogueEntry(member, reward.id))?.reason).toBe('POINTS_INSUFFICIENT');
      const res = await redeem(club.request, member.accessToken, reward.id).expect(409);
      expect(res.body.error.code).toBe('POINTS_INSUFFICIENT');
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: -50, ledgerSum: -50 },
      ]);
    });

    it('is for members: staff get 403', async () => {
      const reward = await createReward(club.request, managerToken);
      await redeem(club.request, shop.clerkToken, reward.id).expect(403);
      await redeem(club.request, managerToken, reward.id).expect(403);
    });
  });

  describe('GET /me/redemptions', () => {
    it("lists the member's own redemptions newest first with codes, a page at a time", async () => {
      const member = await memberWith(1_000);
      const other = await memberWith(1_000);
      const reward = await createReward(club.request, managerToken, {
        pointsCost: 10,
        imageUrl: 'https://img.example/r.png',
      });
      const a = (await redeem(club.request, member.accessToken, reward.id, 1).expect(201))
        .body as RedemptionCreated;
      const b = (await redeem(club.request, member.accessToken, reward.id, 2).expect(201))
        .body as RedemptionCreated;
      await redeem(club.request, other.accessToken, reward.id, 1).expect(201);

      const page = await club.request
        .get(`${API}/me/redemptions`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(page.body).toEqual({
        items: [
          {
            id: b.id,
            rewardId: reward.id,
            reward: { name: reward.name, kind: 'gift', imageUrl: 'https://img.example/r.png' },
            quantity: 2,
            pointsSpent: 20,
            code: b.code,
            status: 'awaiting_pickup',
            createdAt: expect.any(String),
            fulfilledAt: null,
            fulfilledStoreId: null,
            cancelledAt: null,
          },
          expect.objectContaining({ id: a.id, code: a.code, quantity: 1 }),
        ],
        nextCursor: null,
      });
      const first = await club.request
        .get(`${API}/me/redemptions`)
        .query({ limit: 1 })
        .set(bearer(member.accessToken))
        .expect(200);
      expect(first.body).toMatchObject({ items: [{ id: b.id }], nextCursor: b.id });
      const second = await club.request
        .get(`${API}/me/redemptions`)
        .query({ limit: 1, cursor: b.id })
        .set(bearer(member.accessToken))
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ id: a.id }], nextCursor: null });
      await club.request.get(`${API}/me/redemptions`).set(bearer(shop.clerkToken)).expect(403);
    });
  });

  describe('POST /redemptions/fulfilments', () => {
    it('hands over once: 200 fulfilled with the member, then 409 ALREADY_FULFILLED', async () => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      const made = (await redeem(club.request, member.accessToken, reward.id).expect(201))
        .body as RedemptionCreated;

      const res = await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shop.clerkToken))
        .send({ code: ` ${made.code.toLowerCase()} ` })
        .expect(200);
      expect(res.body).toMatchObject({
        id: made.id,
        status: 'fulfilled',
        fulfilledStoreId: shop.store.id,
        fulfilledAt: expect.any(String),
        member: { id: member.id, memberNo: member.memberNo, name: member.name },
        reward: { name: reward.name },
      });
      const twice = await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(managerToken))
        .send({ code: made.code })
        .expect(409);
      expect(twice.body.error.code).toBe('ALREADY_FULFILLED');
      const cancel = await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(member.accessToken))
        .expect(409);
      expect(cancel.body.error.code).toBe('NOT_CANCELLABLE');
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: 400, ledgerSum: 400 },
      ]);
    });

    it('refuses a cancelled redemption (409 CONFLICT), an unknown code (404) and a malformed one (400)', async () => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      const made = (await redeem(club.request, member.accessToken, reward.id).expect(201))
        .body as RedemptionCreated;
      await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(member.accessToken))
        .expect(200);
      const cancelled = await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shop.clerkToken))
        .send({ code: made.code })
        .expect(409);
      expect(cancelled.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'cancelled' } });

      const unknown = await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shop.clerkToken))
        .send({ code: 'ZZZZ2222' })
        .expect(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      for (const body of [
        { code: 'ABC' },
        { code: 'ABCD234O' },
        { code: 12345678 },
        {},
        { code: made.code, storeId: '1' },
      ]) {
        const res = await club.request
          .post(`${API}/redemptions/fulfilments`)
          .set(bearer(shop.clerkToken))
          .send(body)
          .expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('is for clerks and managers: members get 403', async () => {
      const member = await memberWith(0);
      await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(member.accessToken))
        .send({ code: 'ZZZZ2222' })
        .expect(403);
    });
  });

  describe('POST /redemptions/{id}/cancellation', () => {
    it('gives points, stock and limit back once; cancelling again answers the same', async () => {
      const member = await memberWith(500);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100, stock: 10 });
      const made = (await redeem(club.request, member.accessToken, reward.id, 2).expect(201))
        .body as RedemptionCreated;
      const res = await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(res.body).toMatchObject({
        id: made.id,
        status: 'cancelled',
        cancelledAt: expect.any(String),
        pointsReturned: 200,
        balance: 500,
      });
      const again = await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(again.body).toEqual(res.body);
      expect(await stockLeft(reward.id)).toBe(10);
      const ledger = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
      expect(ledger.body.items.filter((e: { kind: string }) => e.kind === 'redeem_cancel')).toHaveLength(1);
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: 500, ledgerSum: 500 },
      ]);
    });

    it("hides another member's redemption (404); a manager may cancel any, audited", async () => {
      const owner = await memberWith(500);
      const other = await memberWith(0);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      const made = (await redeem(club.request, owner.accessToken, reward.id).expect(201))
        .body as RedemptionCreated;
      const hidden = await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(other.accessToken))
        .expect(404);
      expect(hidden.body.error.code).toBe('NOT_FOUND');
      await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(shop.clerkToken))
        .expect(403);

      const res = await club.request
        .post(`${API}/redemptions/${made.id}/cancellation`)
        .set(bearer(managerToken))
        .expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', balance: 500 });
      expect(await auditOf('redemption')).toContainEqual(
        expect.objectContaining({
          actor: `staff:${managerId}`,
          action: 'redemption.cancel',
          entityId: made.id,
          after: expect.objectContaining({ status: 'cancelled', pointsReturned: 100 }),
        }),
      );
      await club.request
        .post(`${API}/redemptions/999999999/cancellation`)
        .set(bearer(managerToken))
        .expect(404);
      await club.request.post(`${API}/redemptions/x/cancellation`).set(bearer(managerToken)).expect(400);
    });
  });

  describe('the redemptions-expiry job', () => {
    it('returns what was never picked up once its reward has ended, once', async () => {
      const member = await memberWith(1_000);
      const reward = await createReward(club.request, managerToken, { pointsCost: 100, stock: 10 });
      const kept = (await redeem(club.request, member.accessToken, reward.id, 2).expect(201))
        .body as RedemptionCreated;
      const picked = (await redeem(club.request, member.accessToken, reward.id, 1).expect(201))
        .body as RedemptionCreated;
      await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shop.clerkToken))
        .send({ code: picked.code })
        .expect(200);
      const running = await createReward(club.request, managerToken, { pointsCost: 100 });
      const live = (await redeem(club.request, member.accessToken, running.id).expect(201))
        .body as RedemptionCreated;

      await club.request
        .patch(`${API}/rewards/${reward.id}`)
        .set(bearer(managerToken))
        .send({ availableTo: new Date(Date.now() - 1000).toISOString() })
        .expect(200);
      const run = await club.request
        .post(`${API}/jobs/redemptions-expiry/runs`)
        .set(bearer(managerToken))
        .expect(200);
      expect(run.body).toEqual({
        job: 'redemptions-expiry',
        ranAt: expect.any(String),
        effects: { returned: 1 },
      });
      const again = await club.request
        .post(`${API}/jobs/redemptions-expiry/runs`)
        .set(bearer(managerToken))
        .expect(200);
      expect(again.body.effects).toEqual({ returned: 0 });

      const mine = await club.request
        .get(`${API}/me/redemptions`)
        .set(bearer(member.accessToken))
        .expect(200);
      const status = new Map(mine.body.items.map((r: { id: string; status: string }) => [r.id, r.status]));
      expect([status.get(kept.id), status.get(picked.id), status.get(live.id)]).toEqual([
        'returned',
        'fulfilled',
        'awaiting_pickup',
      ]);
      expect(await stockLeft(reward.id)).toBe(9);
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: 800, ledgerSum: 800 },
      ]);
      const late = await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shop.clerkToken))
        .send({ code: kept.code })
        .expect(409);
      expect(late.body.error.details).toEqual({ status: 'returned' });
      await club.request.post(`${API}/jobs/redemptions-expiry/runs`).set(bearer(shop.clerkToken)).expect(403);
    });
  });

  describe('points earned at the counter', () => {
    async function putRules(changes: Record<string, unknown>): Promise<void> {
      const current = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
      await club.request
        .put(`${API}/rules`)
        .set(bearer(managerToken))
        .send({ ...current.body.rules, ...changes })
        .expect(200);
    }

    afterAll(async () => {
      await putRules({ returnWindowDays: 0 });
    });

    it('spends what a purchase earned', async () => {
      const member = await memberWith(0);
      const { pointsEarned } = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }),
      );
      expect(pointsEarned).toBeGreaterThan(0);
      const reward = await createReward(club.request, managerToken, { pointsCost: pointsEarned });
      const res = await redeem(club.request, member.accessToken, reward.id).expect(201);
      expect(res.body).toMatchObject({ pointsSpent: pointsEarned, balance: 0 });
    });

    it('cannot spend points still pending in the return window', async () => {
      await putRules({ returnWindowDays: 7 });
      const member = await memberWith(50);
      const { pointsEarned } = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }),
      );
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      expect((await catalogueEntry(member, reward.id))?.reason).toBe('POINTS_INSUFFICIENT');
      const res = await redeem(club.request, member.accessToken, reward.id).expect(409);
      expect(res.body.error.code).toBe('POINTS_INSUFFICIENT');
      const cheap = await createReward(club.request, managerToken, { pointsCost: 50 });
      await redeem(club.request, member.accessToken, cheap.id).expect(201);
      expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
        { memberId: member.id, points: pointsEarned, ledgerSum: pointsEarned },
      ]);
    });
  });

  it('leaves every member of this file with a balance equal to the sum of their ledger', async () => {
    const books = await balancesAndLedgerSums(club, everyone);
    expect(books).toHaveLength(everyone.length);
    for (const book of books) expect(book.points).toBe(book.ledgerSum);
  });
});
