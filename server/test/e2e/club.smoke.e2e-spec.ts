// The club's main flows end to end; this file also runs on the embedded SQLite database.
import { isValidMemberNo } from '@vip-club/shared';
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
  });
});
