// Refunds, pending points, adjustments, the audit log and the rules, through HTTP on MariaDB.
import { DEFAULT_CLUB_RULES, type PurchaseResult } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import {
  expectBalancesMatchLedger,
  joinMemberBornIn,
  purchaseBody,
  recordPurchase,
} from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('points economy', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  let otherShop: StoreAndClerk;
  const members: string[] = [];

  async function newMember(): Promise<JoinedMember> {
    const member = await joinMemberBornIn(club.request);
    members.push(member.id);
    return member;
  }

  async function buy(member: JoinedMember, amount: number): Promise<PurchaseResult> {
    return recordPurchase(
      club.request,
      shop.clerkToken,
      purchaseBody(shop.store.id, { memberId: member.id }, { amount }),
    );
  }

  function refund(purchaseId: string, body: Record<string, unknown>, token = shop.clerkToken) {
    return club.request.post(`${API}/purchases/${purchaseId}/refunds`).set(bearer(token)).send(body);
  }

  async function meOf(member: JoinedMember) {
    return (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200)).body;
  }

  async function putRules(changes: Record<string, unknown>) {
    const current = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
    return club.request
      .put(`${API}/rules`)
      .set(bearer(managerToken))
      .send({ ...current.body.rules, ...changes })
      .expect(200);
  }

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    otherShop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    if (members.length > 0 && club) await expectBalancesMatchLedger(ds, members);
    await club?.close();
  });

  describe('refunds', () => {
    it('reverses exactly the points of the refunded share, summing to all of them when fully refunded', async () => {
      const member = await newMember();
      const purchase = await buy(member, 100_000);
      expect(purchase.pointsEarned).toBe(1000);
      const first = await refund(purchase.purchase.id, { amount: 33_333, reason: '退一件' }).expect(201);
      expect(first.body).toEqual({
        refund: {
          id: expect.stringMatching(/^\d+$/),
          purchaseId: purchase.purchase.id,
          amount: 33_333,
          reason: '退一件',
          createdAt: expect.any(String),
        },
        pointsReversed: 333,
        balance: 667,
        refundableLeft: 66_667,
      });
      const second = await refund(purchase.purchase.id, { amount: 33_333, reason: '再退一件' }).expect(201);
      expect(second.body).toMatchObject({ pointsReversed: 333, balance: 334, refundableLeft: 33_334 });
      const third = await refund(
        purchase.purchase.id,
        { amount: 33_334, reason: '全退' },
        managerToken,
      ).expect(201);
      expect(third.body).toMatchObject({ pointsReversed: 334, balance: 0, refundableLeft: 0 });
      const me = await meOf(member);
      expect(me.points).toBe(0);
      expect(me.card.qualifyingSpend).toBe(0);
      const ledger = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
      expect(ledger.body.items.map((e: { kind: string; delta: number }) => [e.kind, e.delta])).toEqual([
        ['refund_reversal', -334],
        ['refund_reversal', -333],
        ['refund_reversal', -333],
        ['earn', 1000],
      ]);
    });

    it('shows a purchase with its refunds so far, by id or by order number, to its store and managers', async () => {
      const member = await newMember();
      const purchase = await buy(member, 80_000);
      await refund(purchase.purchase.id, { amount: 30_000, reason: '退一件' }).expect(201);
      const expected = {
        ...purchase.purchase,
        pointsEarned: 800,
        refundedAmount: 30_000,
        refundableLeft: 50_000,
        pointsReversed: 300,
      };
      const byId = await club.request
        .get(`${API}/purchases/${purchase.purchase.id}`)
        .set(bearer(shop.clerkToken))
        .expect(200);
      expect(byId.body).toEqual(expected);
      const byOrder = await club.request
        .get(`${API}/purchases/lookup`)
        .query({ storeId: shop.store.id, orderNo: purchase.purchase.orderNo })
        .set(bearer(managerToken))
        .expect(200);
      expect(byOrder.body).toEqual(expected);
      await club.request
        .get(`${API}/purchases/${purchase.purchase.id}`)
        .set(bearer(otherShop.clerkToken))
        .expect(403);
      await club.request
        .get(`${API}/purchases/lookup`)
        .query({ storeId: shop.store.id, orderNo: purchase.purchase.orderNo })
        .set(bearer(otherShop.clerkToken))
        .expect(403);
      await club.request
        .get(`${API}/purchases/lookup`)
        .query({ storeId: shop.store.id, orderNo: 'NO-SUCH-ORDER' })
        .set(bearer(shop.clerkToken))
        .expect(404);
      await club.request.get(`${API}/purchases/987654321`).set(bearer(managerToken)).expect(404);
      await club.request
        .get(`${API}/purchases/${purchase.purchase.id}`)
        .set(bearer(member.accessToken))
        .expect(403);
    });

    it('refuses more than is left to refund with 409 REFUND_EXCEEDS_PURCHASE, changing nothing', async () => {
      const member = await newMember();
      const purchase = await buy(member, 50_000);
      await refund(purchase.purchase.id, { amount: 20_000, reason: 'a' }).expect(201);
      const res = await refund(purchase.purchase.id, { amount: 30_001, reason: 'b' }).expect(409);
      expect(res.body.error).toMatchObject({
        code: 'REFUND_EXCEEDS_PURCHASE',
        details: { refundableLeft: 30_000 },
      });
      const me = await meOf(member);
      expect(me.points).toBe(300);
      expect(me.card.qualifyingSpend).toBe(30_000);
    });

    it('takes the balance below zero when the refunded points were already spent', async () => {
      const member = await newMember();
      const purchase = await buy(member, 100_000);
      await club.request
        .post(`${API}/members/${member.id}/points/adjustments`)
        .set(bearer(managerToken))
        .send({ delta: -800, reason: '兑换礼品（线下）' })
        .expect(201);
      const res = await refund(purchase.purchase.id, { amount: 100_000, reason: '整单退货' }).expect(201);
      expect(res.body).toMatchObject({ pointsReversed: 1000, balance: -800 });
      expect((await meOf(member)).points).toBe(-800);
    });

    it('honours Idempotency-Key: a retry gets the first refund (200) and reverses nothing more', async () => {
      const member = await newMember();
      const purchase = await buy(member, 100_000);
      const send = () =>
        club.request
          .post(`${API}/purchases/${purchase.purchase.id}/refunds`)
          .set(bearer(shop.clerkToken))
          .set('Idempotency-Key', 'refund-retry-1')
          .send({ amount: 10_000, reason: 'retry' });
      const first = await send().expect(201);
      const again = await send().expect(200);
      expect(again.body).toEqual(first.body);
      expect((await meOf(member)).points).toBe(900);
      const bad = await club.request
        .post(`${API}/purchases/${purchase.purchase.id}/refunds`)
        .set(bearer(shop.clerkToken))
        .set('Idempotency-Key', 'x'.repeat(65))
        .send({ amount: 10_000, reason: 'retry' })
        .expect(400);
      expect(fieldsOf(bad.body)[0]).toMatch(/^Idempotency-Key/);
    });

    it('lets only clerks of the purchase store and managers refund; unknown purchases are 404', async () => {
      const member = await newMember();
      const purchase = await buy(member, 10_000);
      const other = await refund(
        purchase.purchase.id,
        { amount: 1000, reason: 'x' },
        otherShop.clerkToken,
      ).expect(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
      await refund(purchase.purchase.id, { amount: 1000, reason: 'x' }, member.accessToken).expect(403);
      await refund('987654321', { amount: 1000, reason: 'x' }).expect(404);
      expect((await meOf(member)).points).toBe(100);
    });

    it.each([
      ['a zero amount', { amount: 0, reason: 'x' }, 'amount'],
      ['a negative amount', { amount: -5, reason: 'x' }, 'amount'],
      ['an amount beyond the maximum', { amount: 1_000_000_001, reason: 'x' }, 'amount'],
      ['no reason', { amount: 100 }, 'reason'],
      ['a blank reason', { amount: 100, reason: '   ' }, 'reason'],
    ])('refuses %s with 400', async (_label, body, field) => {
      const member = await newMember();
      const purchase = await buy(member, 10_000);
      const res = await refund(purchase.purchase.id, body).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });
  });

  describe('refunds under load', () => {
    it('lets 20 simultaneous refunds of a tenth each through exactly 10 times, reversing every point once', async () => {
      const member = await newMember();
      const purchase = await buy(member, 100_000);
      const responses = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const res = await fetch(`${club.baseUrl}${API}/purchases/${purchase.purchase.id}/refunds`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.clerkToken}` },
            body: JSON.stringify({ amount: 10_000, reason: `第 ${i + 1} 件` }),
          });
          return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
        }),
      );
      expect(responses.filter((r) => r.status === 201)).toHaveLength(10);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(10);
      expect(refused.every((r) => r.status === 409 && r.body.error?.code === 'REFUND_EXCEEDS_PURCHASE')).toBe(
        true,
      );
      const me = await meOf(member);
      expect(me.points).toBe(0);
      expect(me.card.qualifyingSpend).toBe(0);
      await expectBalancesMatchLedger(ds, [member.id]);
    });
  });

  describe('pending points (return window)', () => {
    afterAll(async () => {
      await putRules({ returnWindowDays: 0 });
    });

    it('shows points inside the window as pending and unspendable; a refund inside it cancels them cleanly', async () => {
      await putRules({ returnWindowDays: 7 });
      const member = await newMember();
      const purchase = await buy(member, 100_000);
      expect(purchase.pendingUntil).toBe(
        new Date(Date.parse(purchase.purchase.occurredAt) + 7 * 86_400_000).toISOString(),
      );
      const summary = await club.request
        .get(`${API}/me/points/summary`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(summary.body).toEqual({
        balance: 1000,
        pending: 1000,
        spendable: 0,
        expiringNext: { points: 1000, expiresAt: expect.any(String) },
      });
      await refund(purchase.purchase.id, { amount: 100_000, reason: '七天内退货' }).expect(201);
      const after = await club.request
        .get(`${API}/me/points/summary`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(after.body).toEqual({ balance: 0, pending: 0, spendable: 0, expiringNext: null });
    });
  });

  describe('adjustments and the audit log', () => {
    it('records a manager adjustment as an adjust entry and in the audit log', async () => {
      const member = await newMember();
      const res = await club.request
        .post(`${API}/members/${member.id}/points/adjustments`)
        .set(bearer(managerToken))
        .send({ delta: 250, reason: '补录积分' })
        .expect(201);
      expect(res.body).toMatchObject({ delta: 250, kind: 'adjust', balanceAfter: 250 });
      const audit = await club.request
        .get(`${API}/audit-log?entity=member&limit=100`)
        .set(bearer(managerToken))
        .expect(200);
      const entry = audit.body.items.find((e: { entityId: string }) => e.entityId === member.id);
      expect(entry).toMatchObject({
        actor: expect.stringMatching(/^staff:\d+$/),
        action: 'points.adjust',
        entity: 'member',
        before: { points: 0 },
        after: { points: 250, delta: 250, reason: '补录积分' },
      });
      const byActor = await club.request
        .get(`${API}/audit-log?actor=${encodeURIComponent(entry.actor)}&limit=1`)
        .set(bearer(managerToken))
        .expect(200);
      expect(byActor.body.items).toHaveLength(1);
      expect(byActor.body.items[0].actor).toBe(entry.actor);
    });

    it('applies an adjustment with the same Idempotency-Key once', async () => {
      const member = await newMember();
      const send = () =>
        club.request
          .post(`${API}/members/${member.id}/points/adjustments`)
          .set(bearer(managerToken))
          .set('Idempotency-Key', 'adj-1')
          .send({ delta: 40, reason: 'r' })
          .expect(201);
      const first = await send();
      expect((await send()).body).toEqual(first.body);
      expect((await meOf(member)).points).toBe(40);
    });

    it.each([
      ['a zero delta', { delta: 0, reason: 'x' }, 'delta'],
      ['a fractional delta', { delta: 1.5, reason: 'x' }, 'delta'],
      ['a delta beyond the bound', { delta: 1_000_001, reason: 'x' }, 'delta'],
      ['no reason', { delta: 10 }, 'reason'],
      ['a reason of 201 characters', { delta: 10, reason: 'x'.repeat(201) }, 'reason'],
    ])('refuses %s with 400', async (_label, body, field) => {
      const member = await newMember();
      const res = await club.request
        .post(`${API}/members/${member.id}/points/adjustments`)
        .set(bearer(managerToken))
        .send(body)
        .expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('is for managers only (403), of members that exist (404); the audit log likewise', async () => {
      const member = await newMember();
      await club.request
        .post(`${API}/members/${member.id}/points/adjustments`)
        .set(bearer(shop.clerkToken))
        .send({ delta: 10, reason: 'x' })
        .expect(403);
      await club.request
        .post(`${API}/members/987654321/points/adjustments`)
        .set(bearer(managerToken))
        .send({ delta: 10, reason: 'x' })
        .expect(404);
      await club.request.get(`${API}/audit-log`).set(bearer(shop.clerkToken)).expect(403);
      await club.request.get(`${API}/audit-log?limit=0`).set(bearer(managerToken)).expect(400);
    });

    it('pages the audit log newest first with a cursor', async () => {
      const page1 = await club.request.get(`${API}/audit-log?limit=2`).set(bearer(managerToken)).expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(Number(page1.body.items[0].id)).toBeGreaterThan(Number(page1.body.items[1].id));
      const page2 = await club.request
        .get(`${API}/audit-log?limit=2&cursor=${page1.body.nextCursor}`)
        .set(bearer(managerToken))
        .expect(200);
      expect(Number(page2.body.items[0].id)).toBeLessThan(Number(page1.body.items[1].id));
    });
  });

  describe('rules', () => {
    it('starts with the default rules, and applies a change to purchases from then on', async () => {
      const start = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
      expect(start.body.rules).toMatchObject({ ...DEFAULT_CLUB_RULES, returnWindowDays: expect.any(Number) });
      const member = await newMember();
      const before = await buy(member, 100_000);
      expect(before.pointsEarned).toBe(1000);

      const changed = await putRules({
        tiers: { ...start.body.rules.tiers, friend: { minSpend: 0, earnRateBp: 30_000 } },
      });
      expect(changed.body.id).not.toBe(start.body.id);
      const after = await buy(member, 100_000);
      expect(after.pointsEarned).toBe(3000);
      const [row]: Array<{ rule_set_id: string | number }> = await ds.query(
        'SELECT rule_set_id FROM purchases WHERE id = ?',
        [after.purchase.id],
      );
      expect(String(row.rule_set_id)).toBe(changed.body.id);

      const tiers = await club.request.get(`${API}/tiers`).set(bearer(member.accessToken)).expect(200);
      expect(tiers.body.tiers[0]).toEqual({
        tier: 'friend',
        minSpend: 0,
        earnRateBp: 30_000,
        benefits: expect.any(String),
      });
      expect(tiers.body.tiers.map((t: { tier: string }) => t.tier)).toEqual([
        'friend',
        'silver',
        'gold',
        'diamond',
      ]);
      const audit = await club.request
        .get(`${API}/audit-log?entity=rules`)
        .set(bearer(managerToken))
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'rules.update', entityId: changed.body.id });
      await putRules({ tiers: start.body.rules.tiers });
    });

    it('validates the rules (thresholds increasing, known fields) and is for managers only', async () => {
      const current = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
      const bad = await club.request
        .put(`${API}/rules`)
        .set(bearer(managerToken))
        .send({
          ...current.body.rules,
          tiers: { ...current.body.rules.tiers, gold: { minSpend: 100, earnRateBp: 15_000 } },
        })
        .expect(400);
      expect(fieldsOf(bad.body)).toContain('tiers.gold.minSpend');
      await club.request
        .put(`${API}/rules`)
        .set(bearer(managerToken))
        .send({ ...current.body.rules, returnWindowDays: 400 })
        .expect(400);
      await club.request
        .put(`${API}/rules`)
        .set(bearer(managerToken))
        .send({ ...current.body.rules, extra: 1 })
        .expect(400);
      await club.request
        .put(`${API}/rules`)
        .set(bearer(shop.clerkToken))
        .send(current.body.rules)
        .expect(403);
      await club.request.get(`${API}/rules`).set(bearer(shop.clerkToken)).expect(403);
      const after = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
      expect(after.body.id).toBe(current.body.id);
    });
  });
});
