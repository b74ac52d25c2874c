import { type PurchaseResult } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { CardCodeService } from '../../src/modules/members/card-code.service';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import {
  clubMonthNow,
  expectBalancesMatchLedger,
  joinMemberBornIn,
  purchaseBody,
  recordPurchase,
} from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('purchases', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  let otherShop: StoreAndClerk;
  const members: string[] = [];

  async function newMember(birthMonth?: number): Promise<JoinedMember> {
    const member = await joinMemberBornIn(club.request, birthMonth);
    members.push(member.id);
    return member;
  }

  async function cardCodeOf(member: JoinedMember): Promise<string> {
    const res = await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200);
    return res.body.code as string;
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

  describe('recording', () => {
    it('credits a clerk-scanned purchase at the tier rate: 201 with points, balance and tier', async () => {
      const member = await newMember();
      const body = purchaseBody(shop.store.id, { cardCode: await cardCodeOf(member) }, { amount: 128_850 });
      const res = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(body)
        .expect(201);
      expect(res.body).toEqual({
        purchase: {
          id: expect.stringMatching(/^\d+$/),
          storeId: shop.store.id,
          orderNo: body.orderNo,
          memberId: member.id,
          amount: 128_850,
          occurredAt: new Date(body.occurredAt as string).toISOString(),
          recordedAt: expect.any(String),
        },
        pointsEarned: 1288,
        balance: 1288,
        tier: 'friend',
        tierChanged: false,
        pendingUntil: null,
      });
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.points).toBe(1288);
      expect(me.body.card.qualifyingSpend).toBe(128_850);
      const points = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
      expect(points.body.items[0]).toMatchObject({ delta: 1288, kind: 'earn', balanceAfter: 1288 });
      expect(points.body.items[0].expiresAt).toEqual(expect.any(String));
    });

    it('answers the same storeId+orderNo again with 200 and the first answer, crediting once', async () => {
      const member = await newMember();
      const body = purchaseBody(shop.store.id, { memberId: member.id });
      const first = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(body)
        .expect(201);
      // Even with another amount or member, the order is the one already recorded.
      const again = await club.request
        .post(`${API}/purchases`)
        .set(bearer(managerToken))
        .send({ ...body, amount: 999 })
        .expect(200);
      expect(again.body).toEqual(first.body);
      const count: Array<{ n: string | number }> = await ds.query(
        'SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ?',
        [member.id],
      );
      expect(Number(count[0].n)).toBe(1);
    });

    it('doubles the points in the birthday month (club time zone)', async () => {
      const member = await newMember(clubMonthNow());
      const result = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }),
      );
      expect(result.pointsEarned).toBe(2576);
    });

    it('raises the tier on the purchase that qualifies, and earns at the new rate from the next one', async () => {
      const member = await newMember();
      const small = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }),
      );
      expect(small).toMatchObject({ tier: 'friend', tierChanged: false, pointsEarned: 1000 });
      const qualifying = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 200_000 }),
      );
      // Earned at the tier held when buying; the upgrade applies from the next purchase.
      expect(qualifying).toMatchObject({
        tier: 'silver',
        tierChanged: true,
        pointsEarned: 2000,
        balance: 3000,
      });
      const next = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }),
      );
      expect(next).toMatchObject({ tier: 'silver', tierChanged: false, pointsEarned: 1200, balance: 4200 });
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body).toMatchObject({ tier: 'silver', card: { qualifyingSpend: 400_000 } });
    });

    it('records on each earning the rule set it used', async () => {
      const member = await newMember();
      const result = await recordPurchase(
        club.request,
        managerToken,
        purchaseBody(otherShop.store.id, { memberId: member.id }),
      );
      const [newest]: Array<{ id: string | number }> = await ds.query('SELECT MAX(id) AS id FROM rule_sets');
      const [row]: Array<{ rule_set_id: string | number }> = await ds.query(
        'SELECT l.rule_set_id FROM points_lots l JOIN points_ledger e ON e.id = l.ledger_entry_id WHERE e.member_id = ?',
        [member.id],
      );
      expect(String(row.rule_set_id)).toBe(String(newest.id));
      const [purchase]: Array<{ rule_set_id: string | number }> = await ds.query(
        'SELECT rule_set_id FROM purchases WHERE id = ?',
        [result.purchase.id],
      );
      expect(String(purchase.rule_set_id)).toBe(String(newest.id));
    });

    it('lets a manager record at any store; a clerk only at their own (403)', async () => {
      const member = await newMember();
      await recordPurchase(
        club.request,
        managerToken,
        purchaseBody(otherShop.store.id, { memberId: member.id }),
      );
      const res = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(purchaseBody(otherShop.store.id, { memberId: member.id }))
        .expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it('keeps order numbers per store: the same number at another store is another purchase', async () => {
      const member = await newMember();
      const orderNo = 'POS-0001';
      const here = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { orderNo }),
      );
      const there = await recordPurchase(
        club.request,
        otherShop.clerkToken,
        purchaseBody(otherShop.store.id, { memberId: member.id }, { orderNo }),
      );
      expect(there.purchase.id).not.toBe(here.purchase.id);
      expect(there.balance).toBe(2576);
    });

    it('refuses members and visitors (403) and anonymous callers (401)', async () => {
      const member = await newMember();
      const body = purchaseBody(shop.store.id, { memberId: member.id });
      await club.request.post(`${API}/purchases`).set(bearer(member.accessToken)).send(body).expect(403);
      const res = await club.request.post(`${API}/purchases`).send(body).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('answers 404 for an unknown store or member, 410 for an expired card code, 400 for a forged one', async () => {
      const member = await newMember();
      const unknownStore = await club.request
        .post(`${API}/purchases`)
        .set(bearer(managerToken))
        .send(purchaseBody('987654321', { memberId: member.id }))
        .expect(404);
      expect(unknownStore.body.error.code).toBe('NOT_FOUND');
      const unknownMember = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(purchaseBody(shop.store.id, { memberId: '987654321' }))
        .expect(404);
      expect(unknownMember.body.error.code).toBe('NOT_FOUND');
      const expired = club.app.get(CardCodeService).sign(member.id, new Date(Date.now() - 1000)).code;
      const gone = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(purchaseBody(shop.store.id, { cardCode: expired }))
        .expect(410);
      expect(gone.body.error.code).toBe('CARD_CODE_EXPIRED');
      const forged = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(purchaseBody(shop.store.id, { cardCode: `${expired.slice(0, -3)}AAA` }))
        .expect(400);
      expect(forged.body.error.code).toBe('CARD_CODE_INVALID');
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.points).toBe(0);
    });

    it.each([
      ['a zero amount', { amount: 0 }, 'amount'],
      ['a negative amount', { amount: -100 }, 'amount'],
      ['a fractional amount', { amount: 12.5 }, 'amount'],
      ['an amount beyond 10,000,000.00', { amount: 1_000_000_001 }, 'amount'],
      ['an amount as a string', { amount: '128800' }, 'amount'],
      ['an empty order number', { orderNo: '' }, 'orderNo'],
      ['an order number of 65 characters', { orderNo: 'A'.repeat(65) }, 'orderNo'],
      ['an order number with spaces', { orderNo: 'A 1' }, 'orderNo'],
      ['a time without offset', { occurredAt: '2026-01-01T10:00:00' }, 'occurredAt'],
      ['a time an hour ahead', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'occurredAt'],
      ['a store id that is no id', { storeId: 'abc' }, 'storeId'],
      ['an unknown field', { points: 5 }, ''],
    ])('refuses %s with 400 naming the field, crediting nothing', async (_label, overrides, field) => {
      const member = await newMember();
      const res = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(purchaseBody(shop.store.id, { memberId: member.id }, overrides))
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(fieldsOf(res.body)).toContain(field);
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.points).toBe(0);
    });

    it('wants exactly one of memberId and cardCode', async () => {
      const member = await newMember();
      const both = purchaseBody(
        shop.store.id,
        { memberId: member.id },
        { cardCode: await cardCodeOf(member) },
      );
      await club.request.post(`${API}/purchases`).set(bearer(shop.clerkToken)).send(both).expect(400);
      const neither = purchaseBody(shop.store.id, { memberId: member.id });
      delete neither.memberId;
      const res = await club.request
        .post(`${API}/purchases`)
        .set(bearer(shop.clerkToken))
        .send(neither)
        .expect(400);
      expect(fieldsOf(res.body)).toContain('memberId');
    });

    it("shows the member's purchases, newest first, in GET /members/{id} to the manager and the home store's clerk", async () => {
      const member = await joinMember(club.request, {
        storeId: shop.store.id,
        birthday: `1990-${String((clubMonthNow() % 12) + 1).padStart(2, '0')}-10`,
      });
      members.push(member.id);
      const day = 24 * 3600_000;
      // Recorded out of order: the detail sorts by when each purchase happened.
      const older = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(
          shop.store.id,
          { memberId: member.id },
          {
            amount: 50_000,
            occurredAt: new Date(Date.now() - 2 * day).toISOString(),
          },
        ),
      );
      const newest = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount: 128_800 }),
      );
      const middle = await recordPurchase(
        club.request,
        managerToken,
        purchaseBody(
          otherShop.store.id,
          { memberId: member.id },
          {
            amount: 20_000,
            occurredAt: new Date(Date.now() - day).toISOString(),
          },
        ),
      );
      await club.request
        .post(`${API}/purchases/${older.purchase.id}/refunds`)
        .set(bearer(shop.clerkToken))
        .send({ amount: 10_000, reason: '尺寸不合' })
        .expect(201);

      const expected = [
        { result: newest, refundedAmount: 0 },
        { result: middle, refundedAmount: 0 },
        { result: older, refundedAmount: 10_000 },
      ].map(({ result, refundedAmount }) => ({
        id: result.purchase.id,
        storeId: result.purchase.storeId,
        orderNo: result.purchase.orderNo,
        amount: result.purchase.amount,
        refundedAmount,
        pointsEarned: result.pointsEarned,
        occurredAt: result.purchase.occurredAt,
      }));
      for (const token of [managerToken, shop.clerkToken]) {
        const detail = await club.request.get(`${API}/members/${member.id}`).set(bearer(token)).expect(200);
        expect(detail.body.purchases).toEqual(expected);
      }
      const other = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(otherShop.clerkToken))
        .expect(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
    });

    it('shows only the latest 20 purchases in GET /members/{id}', async () => {
      const member = await newMember();
      const start = Date.now() - 30 * 3600_000;
      const orderNos: string[] = [];
      for (let i = 0; i < 21; i += 1) {
        const body = purchaseBody(
          shop.store.id,
          { memberId: member.id },
          {
            amount: 1_000,
            occurredAt: new Date(start + i * 3600_000).toISOString(),
          },
        );
        orderNos.push(body.orderNo as string);
        await recordPurchase(club.request, shop.clerkToken, body);
      }
      const detail = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(managerToken))
        .expect(200);
      expect(detail.body.purchases.map((p: { orderNo: string }) => p.orderNo)).toEqual(
        orderNos.slice(1).reverse(),
      );
    });
  });

  describe('POS keys', () => {
    it('lets a till record purchases for its own store only, until the key is revoked', async () => {
      const member = await newMember();
      const issued = await club.request
        .post(`${API}/stores/${shop.store.id}/api-keys`)
        .set(bearer(managerToken))
        .send({ name: 'Till 1' })
        .expect(201);
      expect(issued.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        storeId: shop.store.id,
        name: 'Till 1',
        key: expect.stringMatching(/^vck_[A-Za-z0-9_-]{32}$/),
        createdAt: expect.any(String),
      });
      const key = issued.body.key as string;
      const [stored]: Array<{ key_hash: string }> = await ds.query(
        'SELECT key_hash FROM api_keys WHERE id = ?',
        [issued.body.id],
      );
      expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.key_hash).not.toContain(key);

      const own = await club.request
        .post(`${API}/purchases`)
        .set('X-Api-Key', key)
        .send(purchaseBody(shop.store.id, { memberId: member.id }))
        .expect(201);
      expect(own.body.pointsEarned).toBe(1288);
      const other = await club.request
        .post(`${API}/purchases`)
        .set('X-Api-Key', key)
        .send(purchaseBody(otherShop.store.id, { memberId: member.id }))
        .expect(403);
      expect(other.body.error.code).toBe('FORBIDDEN');

      await club.request.delete(`${API}/api-keys/${issued.body.id}`).set(bearer(managerToken)).expect(204);
      await club.request.delete(`${API}/api-keys/${issued.body.id}`).set(bearer(managerToken)).expect(204);
      const revoked = await club.request
        .post(`${API}/purchases`)
        .set('X-Api-Key', key)
        .send(purchaseBody(shop.store.id, { memberId: member.id }))
        .expect(401);
      expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
      const audit = await club.request
        .get(`${API}/audit-log?entity=api_key`)
        .set(bearer(managerToken))
        .expect(200);
      expect(
        audit.body.items
          .filter((e: { entityId: string }) => e.entityId === issued.body.id)
          .map((e: { action: string }) => e.action),
      ).toEqual(['api_key.revoke', 'api_key.issue']);
    });

    it('refuses an unknown key (401) and key management by clerks (403) or for unknown stores and keys (404)', async () => {
      const member = await newMember();
      await club.request
        .post(`${API}/purchases`)
        .set('X-Api-Key', 'vck_not-a-key-at-all-not-a-key-at-a')
        .send(purchaseBody(shop.store.id, { memberId: member.id }))
        .expect(401);
      await club.request
        .post(`${API}/stores/${shop.store.id}/api-keys`)
        .set(bearer(shop.clerkToken))
        .send({})
        .expect(403);
      await club.request
        .post(`${API}/stores/987654321/api-keys`)
        .set(bearer(managerToken))
        .send({})
        .expect(404);
      await club.request.delete(`${API}/api-keys/987654321`).set(bearer(managerToken)).expect(404);
      await club.request.delete(`${API}/api-keys/1`).set(bearer(shop.clerkToken)).expect(403);
    });
  });

  describe('under load', () => {
    it('records 50 different orders of one member fired at once, each once, each tier reached exactly once', async () => {
      const member = await newMember();
      const responses = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await fetch(`${club.baseUrl}${API}/purchases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.clerkToken}` },
            body: JSON.stringify(purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 })),
          });
          return { status: res.status, body: (await res.json()) as PurchaseResult };
        }),
      );
      expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
      expect(responses.filter((r) => r.body.tierChanged).map((r) => r.body.tier)).toEqual(
        expect.arrayContaining(['silver', 'gold', 'diamond']),
      );
      expect(responses.filter((r) => r.body.tierChanged)).toHaveLength(3);
      const balances = responses.map((r) => r.body.balance).sort((a, b) => a - b);
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body).toMatchObject({ tier: 'diamond', card: { qualifyingSpend: 5_000_000 } });
      expect(me.body.points).toBe(balances[balances.length - 1]);
      // Each earns at the tier held before it: 3 at friend, 7 at silver, 20 at gold, 20 at diamond.
      expect(me.body.points).toBe(3 * 1000 + 7 * 1200 + 20 * 1500 + 20 * 2000);
      await expectBalancesMatchLedger(ds, [member.id]);
    });

    it('credits 200 identical purchase requests fired at once exactly once; the 199 others get the first answer (200)', async () => {
      const member = await newMember();
      const body = JSON.stringify(purchaseBody(shop.store.id, { memberId: member.id }));
      const responses = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const res = await fetch(`${club.baseUrl}${API}/purchases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.clerkToken}` },
            body,
          });
          return { status: res.status, body: (await res.json()) as PurchaseResult };
        }),
      );
      const created = responses.filter((r) => r.status === 201);
      const replayed = responses.filter((r) => r.status === 200);
      expect(created).toHaveLength(1);
      expect(replayed).toHaveLength(199);
      for (const r of replayed) expect(r.body).toEqual(created[0].body);
      expect(created[0].body).toMatchObject({ pointsEarned: 1288, balance: 1288 });
      const [counts]: Array<{ entries: string | number; purchases: string | number }> = await ds.query(
        'SELECT (SELECT COUNT(*) FROM points_ledger WHERE member_id = ?) AS entries, (SELECT COUNT(*) FROM purchases WHERE member_id = ?) AS purchases',
        [member.id, member.id],
      );
      expect({ entries: Number(counts.entries), purchases: Number(counts.purchases) }).toEqual({
        entries: 1,
        purchases: 1,
      });
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.points).toBe(1288);
      await expectBalancesMatchLedger(ds, [member.id]);
    });
  });
});
