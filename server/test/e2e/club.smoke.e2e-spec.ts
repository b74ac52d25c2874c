// The club's main flows end to end; this file also runs on the embedded SQLite database.
import { type InsightsOverview, isValidMemberNo } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { DEMO_CLERK_PASSWORD, seedDemoClub } from '../../src/database/seed/seed-demo-club';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginAsNewVisitor,
  loginManager,
  loginStaff,
} from '../factories/club.factory';
import { startTestApp, TEST_MANAGER_USERNAME, type TestApp } from '../setup/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A raw query's time: a Date from MariaDB, UTC text (`YYYY-MM-DD hh:mm:ss.sss`) from SQLite. */
function ms(value: unknown): number {
  return value instanceof Date ? value.getTime() : Date.parse(`${String(value).replace(' ', 'T')}Z`);
}

describe('the club, end to end', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
  });
  afterAll(async () => {
    await club?.close();
  });

  it('a manager opens a store with a clerk; a visitor joins there; the clerk scans the card', async () => {
    const manager = await loginManager(club.request);
    expect(manager.staff.role).toBe('manager');
    const shop = await createStoreAndClerk(club.request, manager.accessToken);

    const visitor = await loginAsNewVisitor(club.request, 'alipay');
    expect(visitor.member).toBeNull();
    const stores = await club.request.get(`${API}/stores`).set(bearer(visitor.accessToken)).expect(200);
    expect(stores.body.items.map((s: { id: string }) => s.id)).toContain(shop.store.id);

    const joined = await club.request
      .post(`${API}/members`)
      .set(bearer(visitor.accessToken))
      .send({
        name: '苏晴',
        gender: 'female',
        birthday: '02-29',
        phoneCode: 'sandbox:13612345678',
        interests: ['珍珠'],
        storeId: shop.store.id,
        consent: { marketing: true },
      })
      .expect(201);
    expect(isValidMemberNo(joined.body.memberNo)).toBe(true);
    expect(joined.body).toMatchObject({ birthday: '02-29', storeId: shop.store.id, clerkId: shop.clerk.id });

    const me = await club.request.get(`${API}/me`).set(bearer(joined.body.accessToken)).expect(200);
    expect(me.body.card).toMatchObject({ tier: 'friend', nextTier: 'silver', spendToNextTier: 300_000 });
    await club.request
      .patch(`${API}/me`)
      .set(bearer(joined.body.accessToken))
      .send({ birthday: '03-01' })
      .expect(409);

    const card = await club.request
      .get(`${API}/me/card-code`)
      .set(bearer(joined.body.accessToken))
      .expect(200);
    const scanned = await club.request
      .get(`${API}/staff/members/lookup`)
      .query({ cardCode: card.body.code })
      .set(bearer(shop.clerkToken))
      .expect(200);
    expect(scanned.body).toMatchObject({ id: joined.body.id, phone: '13612345678' });
    const detail = await club.request
      .get(`${API}/members/${joined.body.id}`)
      .set(bearer(shop.clerkToken))
      .expect(200);
    expect(detail.body).toMatchObject({ purchases: [], contacts: [] });
  });

  it('tokens rotate, and a stolen refresh token ends the family', async () => {
    const member = await joinMember(club.request);
    const next = await club.request
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: member.refreshToken })
      .expect(200);
    await club.request.get(`${API}/me`).set(bearer(next.body.accessToken)).expect(200);
    await club.request.post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }).expect(401);
    await club.request.post(`${API}/auth/refresh`).send({ refreshToken: next.body.refreshToken }).expect(401);
  });

  it('a member exports and erases their data', async () => {
    const member = await joinMember(club.request);
    const exported = await club.request.get(`${API}/me/export`).set(bearer(member.accessToken)).expect(200);
    expect(exported.body.member.phone).toBe(member.phone);
    await club.request.delete(`${API}/me`).set(bearer(member.accessToken)).expect(204);
    const manager = await loginManager(club.request);
    const after = await club.request
      .get(`${API}/members/${member.id}`)
      .set(bearer(manager.accessToken))
      .expect(200);
    expect(after.body).toMatchObject({ name: '已注销', phone: null, birthday: null });
  });

  it('answers bad input, strangers and the wrong role in the contract shape', async () => {
    const member = await joinMember(club.request);
    const bad = await club.request
      .post(`${API}/members`)
      .set(bearer(member.accessToken))
      .send({ name: 5 })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await club.request.get(`${API}/staff`).set(bearer(member.accessToken)).expect(403);
    await club.request.get(`${API}/me`).expect(401);
    await club.request
      .post(`${API}/auth/staff`)
      .send({ username: 'nobody', password: 'nothing' })
      .expect(401);
  });
});

describe('the demo club (SEED_DEMO=true)', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp({ env: { SEED_DEMO: 'true', AUTH_RATE_LIMIT: '10000' } });
  });
  afterAll(async () => {
    await club?.close();
  });

  it('has three stores, two clerks each, and the bootstrap manager kept', async () => {
    const stores = await club.request.get(`${API}/stores`).expect(200);
    expect(stores.body.items.map((s: { name: string }) => s.name)).toEqual([
      '上海新天地店',
      '北京国贸店',
      '深圳万象城店',
    ]);
    const clerk = await loginStaff(club.request, 'clerk1', DEMO_CLERK_PASSWORD);
    expect(clerk.staff).toMatchObject({ role: 'clerk', storeId: stores.body.items[0].id });
    await loginStaff(club.request, 'clerk6', DEMO_CLERK_PASSWORD);
    const manager = await loginManager(club.request);
    const staff = await club.request
      .get(`${API}/staff?limit=100`)
      .set(bearer(manager.accessToken))
      .expect(200);
    expect(
      staff.body.items.filter((s: { username: string }) => s.username === TEST_MANAGER_USERNAME),
    ).toHaveLength(1);
    expect(staff.body.items.filter((s: { role: string }) => s.role === 'clerk')).toHaveLength(6);
  });

  it('lets a tester log in as demo member 1 through the sandbox, on either platform', async () => {
    const wechat = await loginAsNewVisitor(club.request, 'wechat', 'demo-1');
    expect(wechat.member).toMatchObject({
      phone: '13800000001',
      storeId: expect.any(String),
      clerkId: expect.any(String),
    });
    const alipay = await loginAsNewVisitor(club.request, 'alipay', 'demo-1');
    expect(alipay.member?.id).toBe(wechat.member?.id);
    const me = await club.request.get(`${API}/me`).set(bearer(wechat.accessToken)).expect(200);
    const ledger = await club.request
      .get(`${API}/me/points?limit=100`)
      .set(bearer(wechat.accessToken))
      .expect(200);
    const sum = ledger.body.items.reduce((total: number, e: { delta: number }) => total + e.delta, 0);
    expect(sum).toBe(me.body.points);
    expect(ledger.body.items[0].balanceAfter).toBe(me.body.points);

    // Demo earnings expire like real ones: what expires next is the oldest earning.
    const earnings = ledger.body.items.filter((e: { kind: string }) => e.kind === 'earn');
    const oldest = earnings[earnings.length - 1];
    const summary = await club.request
      .get(`${API}/me/points/summary`)
      .set(bearer(wechat.accessToken))
      .expect(200);
    expect(summary.body.expiringNext).toEqual({ points: oldest.delta, expiresAt: oldest.expiresAt });
  });

  it('has 60 members with birthdays in every month, a leap-day birthday, every tier, and balances equal to their ledgers', async () => {
    const db = club.app.get(DataSource);
    const members: Array<{
      id: unknown;
      birth_month: unknown;
      birth_day: unknown;
      birth_year: unknown;
      tier: string;
      points: unknown;
    }> = await db.query('SELECT id, birth_month, birth_day, birth_year, tier, points FROM members');
    expect(members).toHaveLength(60);
    expect(new Set(members.map((m) => Number(m.birth_month))).size).toBe(12);
    expect(members.some((m) => Number(m.birth_month) === 2 && Number(m.birth_day) === 29)).toBe(true);
    expect(members.some((m) => m.birth_year === null)).toBe(true);
    expect(new Set(members.map((m) => m.tier))).toEqual(new Set(['friend', 'silver', 'gold', 'diamond']));
    const sums: Array<{ member_id: unknown; total: unknown }> = await db.query(
      'SELECT member_id, SUM(delta) AS total FROM points_ledger GROUP BY member_id',
    );
    const byMember = new Map(sums.map((s) => [String(s.member_id), Number(s.total)]));
    for (const m of members) expect(byMember.get(String(m.id))).toBe(Number(m.points));
    const unlotted: unknown[] = await db.query(
      `SELECT l.id FROM points_ledger l LEFT JOIN points_lots p ON p.ledger_entry_id = l.id
       WHERE l.kind = 'earn' AND (p.id IS NULL OR p.remaining <> l.delta OR p.expires_at <> l.expires_at)`,
    );
    expect(unlotted).toEqual([]);
  });

  it('backs every demo earning with its purchase, so the manager sees a club that buys and the clerk her sales', async () => {
    const db = club.app.get(DataSource);
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT l.id AS entry_id, l.delta, l.balance_after AS entry_balance, l.created_at, m.store_id AS home_store,
              m.tier, p.id AS purchase_id, p.store_id, p.order_no, p.amount, p.points_earned,
              p.balance_after, p.occurred_at, p.tier_before, p.tier_after, p.refunded_amount, p.pending_until
         FROM points_ledger l
         JOIN members m ON m.id = l.member_id
         LEFT JOIN purchases p ON p.earn_entry_id = l.id AND p.member_id = l.member_id
        WHERE l.kind = 'earn'`,
    );
    expect(rows.length).toBeGreaterThan(60);
    for (const r of rows) {
      expect(r.purchase_id).not.toBeNull();
      expect(Number(r.points_earned)).toBe(Number(r.delta));
      expect(Number(r.balance_after)).toBe(Number(r.entry_balance));
      expect(ms(r.occurred_at)).toBe(ms(r.created_at));
      expect(String(r.store_id)).toBe(String(r.home_store));
      expect(String(r.order_no)).toMatch(/^DEMO-\d+-\d$/);
      expect(Number(r.amount)).toBeGreaterThan(0);
      expect([r.tier_before, r.tier_after]).toEqual([r.tier, r.tier]);
      expect([Number(r.refunded_amount), r.pending_until]).toEqual([0, null]);
    }
    const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM purchases');
    expect(Number(n)).toBe(rows.length);
    const [{ ruleSets }] = await db.query('SELECT COUNT(*) AS ruleSets FROM rule_sets');
    const [{ unnamed }] = await db.query('SELECT COUNT(*) AS unnamed FROM purchases WHERE rule_set_id IS NULL');
    expect(Number(unnamed)).toBe(Number(ruleSets) > 0 ? 0 : rows.length);

    // The overview counts the same buyers a plain reading of the purchases finds (the demo has no
    // gifts picked up or check-ins, so the active are the buyers).
    const manager = await loginManager(club.request);
    const asOf = Date.now();
    const overview = (
      await club.request.get(`${API}/insights/overview`).set(bearer(manager.accessToken)).expect(200)
    ).body as InsightsOverview;
    const year = rows.filter((r) => ms(r.occurred_at) > asOf - 365 * DAY_MS);
    const daysByBuyer = new Map<string, Set<number>>();
    const buyers: Array<{ member_id: unknown; occurred_at: unknown }> = await db.query(
      'SELECT member_id, occurred_at FROM purchases',
    );
    for (const b of buyers) {
      const at = ms(b.occurred_at);
      if (at <= asOf - 365 * DAY_MS) continue;
      const days = daysByBuyer.get(String(b.member_id)) ?? new Set<number>();
      // Demo purchases fall at noon in China, so the UTC day is the club's day.
      days.add(Math.floor(at / DAY_MS));
      daysByBuyer.set(String(b.member_id), days);
    }
    expect(year.length).toBeGreaterThan(0);
    expect(overview.members.active).toBeGreaterThan(0);
    expect(overview.members.active).toBe(daysByBuyer.size);
    expect(overview.repeatPurchase.of).toBe(daysByBuyer.size);
    expect(overview.repeatPurchase.count).toBe([...daysByBuyer.values()].filter((d) => d.size > 1).length);
    const recent = rows.filter((r) => ms(r.occurred_at) > asOf - 30 * DAY_MS);
    expect(overview.netSpendLast30Days).toBe(recent.reduce((sum, r) => sum + Number(r.amount), 0));

    // Demo member 1's clerk finds her sales in her detail.
    const one = await loginAsNewVisitor(club.request, 'wechat', 'demo-1');
    const clerk = await loginStaff(club.request, 'clerk1', DEMO_CLERK_PASSWORD);
    const detail = await club.request
      .get(`${API}/members/${one.member?.id}`)
      .set(bearer(clerk.accessToken))
      .expect(200);
    const own = rows.filter((r) => String(r.order_no).startsWith(`DEMO-${one.member?.memberNo}-`));
    expect(detail.body.purchases).toHaveLength(own.length);
    expect(own.length).toBeGreaterThan(0);
    expect(detail.body.purchases.map((p: { pointsEarned: number }) => p.pointsEarned).sort()).toEqual(
      own.map((r) => Number(r.delta)).sort(),
    );
  });
});

describe('seedDemoClub at scale', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('loads thousands of members in batches, each with a unique number', async () => {
    const db = club.app.get(DataSource);
    const result = await seedDemoClub(db, { members: 2_500, batchSize: 1_000, seed: 7 });
    expect(result.members).toBe(2_500);
    const [{ n }] = await db.query('SELECT COUNT(DISTINCT member_no) AS n FROM members');
    expect(Number(n)).toBe(2_500);
    const [{ ids }] = await db.query('SELECT COUNT(*) AS ids FROM member_identities');
    expect(Number(ids)).toBe(5_000);
    const [{ entries }] = await db.query('SELECT COUNT(*) AS entries FROM points_ledger');
    expect(Number(entries)).toBe(result.ledgerEntries);
    const [{ unbought }] = await db.query(
      `SELECT COUNT(*) AS unbought FROM points_ledger l LEFT JOIN purchases p ON p.earn_entry_id = l.id
       WHERE l.kind = 'earn' AND (p.id IS NULL OR p.points_earned <> l.delta)`,
    );
    expect(Number(unbought)).toBe(0);
  });
});
