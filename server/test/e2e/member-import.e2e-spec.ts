// Importing an existing member base through HTTP on MariaDB: rows, rejections, idempotency, and the
// imported member taking their record over when they join on a platform.
import { ErrorCode, type MemberImportResult } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinBody,
  joinMember,
  loginAsNewVisitor,
  loginManager,
  uniquePhone,
  unique,
  type StoreAndClerk,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const HEADER = 'phone,name,birthday,tier,points,joined_at,store';

describe('member-base import (POST /members/imports)', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  function postCsv(csv: string, headers: Record<string, string> = {}) {
    return club.request
      .post(`${API}/members/imports`)
      .set(bearer(managerToken))
      .set(headers)
      .set('Content-Type', 'text/csv')
      .send(csv);
  }

  async function memberByPhone(phone: string) {
    const rows: Array<Record<string, unknown>> = await ds.query(
      'SELECT id, member_no, name, gender, birth_year, birth_month, birth_day, tier, points, store_id, clerk_id, joined_at, referral_code ' +
        'FROM members WHERE phone = ?',
      [phone],
    );
    return rows[0];
  }

  async function ledgerOf(memberId: string) {
    const rows: Array<{ delta: string; kind: string; ref: string; balance_after: string }> = await ds.query(
      'SELECT delta, kind, ref, balance_after FROM points_ledger WHERE member_id = ? ORDER BY id',
      [memberId],
    );
    return rows.map((r) => ({
      delta: Number(r.delta),
      kind: r.kind,
      ref: r.ref,
      balanceAfter: Number(r.balance_after),
    }));
  }

  /** Every member's cached balance equals the sum of their ledger. */
  async function expectBalancesMatchLedger(): Promise<void> {
    const off: unknown[] = await ds.query(
      'SELECT m.id, m.points, COALESCE((SELECT SUM(l.delta) FROM points_ledger l WHERE l.member_id = m.id), 0) AS total ' +
        'FROM members m HAVING m.points <> total',
    );
    expect(off).toEqual([]);
  }

  it('creates new members with no platform account, one adjust entry each, and reports every rejected row', async () => {
    const [a, b, c] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const dup = uniquePhone();
    const csv = [
      HEADER,
      `${a},林小雨,05-17,gold,1200,2019-03-08,${shop.store.id}`,
      `${b},"王, 大明",1985-11-02,silver,0,2020-01-15T10:30:00+08:00,${shop.store.name}`,
      `${c},陈静,,friend,35,,`,
      `12345,坏号码,01-01,friend,10,2020-01-01,`,
      `${uniquePhone()},无店,01-01,friend,10,2020-01-01,不存在的店`,
      `${uniquePhone()},坏生日,02-30,friend,10,2020-01-01,`,
      `${uniquePhone()},坏等级,01-01,platinum,10,2020-01-01,`,
      `${uniquePhone()},负积分,01-01,friend,-5,2020-01-01,`,
      `${dup},重复一,01-01,friend,10,2020-01-01,`,
      `${dup},重复二,01-01,friend,20,2020-01-01,`,
      `${uniquePhone()},少一列,01-01,friend,10,2020-01-01`,
      `${uniquePhone()},未来人,01-01,friend,10,2999-01-01,`,
    ].join('\r\n');
    const res = await postCsv(csv, { 'Idempotency-Key': unique('imp-') }).expect(200);
    const body = res.body as MemberImportResult;
    expect(body).toEqual({
      importRef: expect.any(String),
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 5, reason: expect.stringMatching(/^phone "12345" must be an 11-digit mobile number/) },
        { line: 6, reason: expect.stringContaining('store "不存在的店" is unknown') },
        { line: 7, reason: expect.stringMatching(/^birthday "02-30" must be a real date/) },
        {
          line: 8,
          reason: expect.stringMatching(/^tier "platinum" must be one of friend, silver, gold, diamond/),
        },
        { line: 9, reason: expect.stringMatching(/^points "-5" must not be negative/) },
        { line: 10, reason: `phone ${dup} is listed more than once in the file (lines 10, 11)` },
        { line: 11, reason: `phone ${dup} is listed more than once in the file (lines 10, 11)` },
        {
          line: 12,
          reason: expect.stringContaining('has 6 fields where the header has 7: a missing column'),
        },
        { line: 13, reason: 'joined_at "2999-01-01" is in the future' },
      ],
    });

    const first = await memberByPhone(a);
    expect(first).toMatchObject({
      name: '林小雨',
      gender: 'other',
      birth_year: null,
      birth_month: 5,
      birth_day: 17,
      tier: 'gold',
      store_id: shop.store.id,
      clerk_id: shop.clerk.id,
    });
    expect(String(first.points)).toBe('1200');
    expect(new Date(first.joined_at as Date).toISOString()).toBe('2019-03-08T00:00:00.000Z');
    expect(first.member_no).toMatch(/^[1-9]\d{8}$/);
    expect(await ledgerOf(String(first.id))).toEqual([
      { delta: 1200, kind: 'adjust', ref: `import:${body.importRef}:${a}`, balanceAfter: 1200 },
    ]);
    const identities: unknown[] = await ds.query('SELECT id FROM member_identities WHERE member_id = ?', [
      first.id,
    ]);
    expect(identities).toEqual([]);

    const second = await memberByPhone(b);
    expect(second).toMatchObject({
      name: '王, 大明',
      birth_year: 1985,
      birth_month: 11,
      birth_day: 2,
      tier: 'silver',
    });
    expect(String(second.store_id)).toBe(shop.store.id);
    expect(new Date(second.joined_at as Date).toISOString()).toBe('2020-01-15T02:30:00.000Z');
    // No points, no ledger entry: a zero balance needs no adjustment.
    expect(await ledgerOf(String(second.id))).toEqual([]);

    const third = await memberByPhone(c);
    expect(third).toMatchObject({ birth_month: null, store_id: null, clerk_id: null, tier: 'friend' });
    expect(String(third.points)).toBe('35');
    expect(await memberByPhone(dup)).toBeUndefined();

    // The audit log names the manager, each member created and what they came in with.
    const audit: Array<{ actor: string; entity_id: string; before: string | null; after: string }> =
      await ds.query(
        "SELECT actor, entity_id, `before`, `after` FROM audit_log WHERE action = 'member.import' AND entity_id IN (?) ORDER BY id",
        [[first.id, second.id, third.id].map(String)],
      );
    expect(audit.map((e) => ({ ...e, after: JSON.parse(e.after) }))).toEqual([
      {
        actor: expect.stringMatching(/^staff:\d+$/),
        entity_id: String(first.id),
        before: null,
        after: { points: 1200, tier: 'gold', storeId: shop.store.id, importRef: body.importRef },
      },
      expect.objectContaining({
        entity_id: String(second.id),
        after: expect.objectContaining({ points: 0, tier: 'silver' }),
      }),
      expect.objectContaining({
        entity_id: String(third.id),
        after: expect.objectContaining({ points: 35, storeId: null }),
      }),
    ]);
    await expectBalancesMatchLedger();
  });

  it('changes nothing when the same file runs twice (ref from the file hash), even after the balance moved', async () => {
    const [a, b] = [uniquePhone(), uniquePhone()];
    const csv = `${HEADER}\n${a},甲,03-03,diamond,500,2018-06-01,\n${b},乙,04-04,friend,0,2018-06-01,\n`;
    const first = (await postCsv(csv).expect(200)).body as MemberImportResult;
    expect(first).toMatchObject({
      importRef: expect.stringMatching(/^[0-9a-f]{32}$/),
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });

    // Points move between the two runs (here straight through the ledger): the rerun must not undo that.
    const memberB = await memberByPhone(b);
    await ds.query('UPDATE members SET points = points + 40 WHERE id = ?', [memberB.id]);
    await ds.query(
      "INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at) VALUES (?, 40, 'adjust', 40, ?, NOW(3))",
      [memberB.id, unique('test-move-')],
    );
    const before: Array<{ n: string }> = await ds.query('SELECT COUNT(*) AS n FROM points_ledger');
    const membersBefore: Array<{ n: string }> = await ds.query('SELECT COUNT(*) AS n FROM members');

    const again = (await postCsv(csv).expect(200)).body as MemberImportResult;
    expect(again).toEqual({ importRef: first.importRef, created: 0, updated: 0, unchanged: 2, rejected: [] });
    expect(await ds.query('SELECT COUNT(*) AS n FROM points_ledger')).toEqual(before);
    expect(await ds.query('SELECT COUNT(*) AS n FROM members')).toEqual(membersBefore);
    expect(String((await memberByPhone(a)).points)).toBe('500');
    expect(String((await memberByPhone(b)).points)).toBe('40');
    await expectBalancesMatchLedger();
  });

  it('brings an existing member’s balance in line once, up or down, updating nothing else', async () => {
    const joined = await joinMember(club.request, { name: '老会员' });
    const up = (
      await postCsv(`${HEADER}\n${joined.phone},别的名字,12-12,diamond,300,2010-01-01,${shop.store.id}\n`, {
        'Idempotency-Key': unique('up-'),
      }).expect(200)
    ).body as MemberImportResult;
    expect(up).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
    const down = (
      await postCsv(`${HEADER}\n${joined.phone},别的名字,12-12,diamond,100,2010-01-01,\n`, {
        'Idempotency-Key': unique('down-'),
      }).expect(200)
    ).body as MemberImportResult;
    expect(down).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const same = (
      await postCsv(`${HEADER}\n${joined.phone},别的名字,12-12,diamond,100,2010-01-01,\n`, {
        'Idempotency-Key': unique('same-'),
      }).expect(200)
    ).body as MemberImportResult;
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    expect(await ledgerOf(joined.id)).toEqual([
      { delta: 300, kind: 'adjust', ref: `import:${up.importRef}:${joined.phone}`, balanceAfter: 300 },
      { delta: -200, kind: 'adjust', ref: `import:${down.importRef}:${joined.phone}`, balanceAfter: 100 },
    ]);
    const me = await club.request.get(`${API}/me`).set(bearer(joined.accessToken)).expect(200);
    expect(me.body).toMatchObject({ name: '老会员', tier: 'friend', points: 100, storeId: null });
    const audit: Array<{ before: string; after: string }> = await ds.query(
      "SELECT `before`, `after` FROM audit_log WHERE action = 'member.import' AND entity_id = ? ORDER BY id",
      [joined.id],
    );
    expect(audit.map((e) => [JSON.parse(e.before), JSON.parse(e.after)])).toEqual([
      [{ points: 0 }, { points: 300, importRef: up.importRef }],
      [{ points: 300 }, { points: 100, importRef: down.importRef }],
    ]);
    await expectBalancesMatchLedger();
  });

  it('hands the imported record to the member who joins on a platform with that phone', async () => {
    const phone = uniquePhone();
    await postCsv(`${HEADER}\n${phone},周美玲,1979-08-08,gold,8800,2015-05-20,${shop.store.name}\n`).expect(
      200,
    );
    const imported = await memberByPhone(phone);

    const visitor = await loginAsNewVisitor(club.request, 'alipay');
    const joined = await club.request
      .post(`${API}/members`)
      .set(bearer(visitor.accessToken))
      .send(joinBody({ phoneCode: `sandbox:${phone}`, name: '周美玲' }))
      .expect(201);
    expect(joined.body).toMatchObject({
      id: String(imported.id),
      memberNo: imported.member_no,
      tier: 'gold',
      points: 8800,
    });

    const me = await club.request.get(`${API}/me`).set(bearer(joined.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({
      id: String(imported.id),
      memberNo: imported.member_no,
      phone,
      tier: 'gold',
      points: 8800,
      birthday: '1979-08-08',
      storeId: shop.store.id,
      card: expect.objectContaining({ tier: 'gold', points: 8800 }),
    });
    const points = await club.request
      .get(`${API}/me/points`)
      .set(bearer(joined.body.accessToken))
      .expect(200);
    expect(points.body.items).toEqual([
      expect.objectContaining({ delta: 8800, kind: 'adjust', balanceAfter: 8800 }),
    ]);

    // The WeChat account of the same person binds to the same member too.
    const wechat = await loginAsNewVisitor(club.request, 'wechat');
    const viaWechat = await club.request
      .post(`${API}/members`)
      .set(bearer(wechat.accessToken))
      .send(joinBody({ phoneCode: `sandbox:${phone}` }))
      .expect(201);
    expect(viaWechat.body.id).toBe(String(imported.id));
  });

  it('applies a file of several transactions’ worth of rows (run side by side) once each', async () => {
    // Numbers of their own (137…): 450 random ones could meet by chance and be refused as duplicates.
    const phones = Array.from({ length: 450 }, (_, i) => `137${String(1000 + i).padStart(8, '0')}`);
    const csv = `${HEADER}\n${phones.map((p, i) => `${p},批量${i},01-01,friend,${i + 1},2020-01-01,`).join('\n')}\n`;
    const first = (await postCsv(csv).expect(200)).body as MemberImportResult;
    expect(first).toMatchObject({ created: 450, updated: 0, unchanged: 0, rejected: [] });
    const rows: Array<{ members: string; entries: string; points: string }> = await ds.query(
      'SELECT COUNT(DISTINCT m.id) AS members, COUNT(l.id) AS entries, SUM(l.delta) AS points FROM members m ' +
        'JOIN points_ledger l ON l.member_id = m.id WHERE m.phone IN (?)',
      [phones],
    );
    expect(rows[0]).toEqual({ members: '450', entries: '450', points: String((450 * 451) / 2) });
    expect((await postCsv(csv).expect(200)).body).toMatchObject({ created: 0, updated: 0, unchanged: 450 });
    await expectBalancesMatchLedger();
  });

  it('accepts JSON {csv} for small files', async () => {
    const phone = uniquePhone();
    const res = await club.request
      .post(`${API}/members/imports`)
      .set(bearer(managerToken))
      .send({ csv: `${HEADER}\n${phone},小文件,07-07,silver,7,2021-07-07,\n` })
      .expect(200);
    expect(res.body).toMatchObject({ created: 1, rejected: [] });
  });

  describe('refusals', () => {
    it('refuses a bad header, an empty body, broken CSV and a body that is neither CSV nor {csv} with 400 VALIDATION_FAILED', async () => {
      const cases = [
        'phone,name,birthday,tier,points,joined_at\n13800138000,a,01-01,friend,1,2020-01-01\n',
        'phone,name,birthday,tier,points,joined_at,store,colour\n',
        ' \n',
        `${HEADER}\n"13800138000,unclosed\n`,
      ];
      for (const csv of cases) {
        const res = await postCsv(csv).expect(400);
        expect(res.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
        expect(res.body.error.details[0].path).toBe('(body)');
      }
      const missing = await postCsv(cases[0]).expect(400);
      expect(missing.body.error.details[0].message).toContain('missing columns store');
      const unknown = await postCsv(cases[1]).expect(400);
      expect(unknown.body.error.details[0].message).toContain('unknown columns "colour"');

      await club.request
        .post(`${API}/members/imports`)
        .set(bearer(managerToken))
        .send({ file: 'x' })
        .expect(400);

      // 林小雨 in GBK, as Excel saves "CSV" on a Chinese system.
      const gbk = Buffer.concat([
        Buffer.from(`${HEADER}\n${uniquePhone()},`),
        Buffer.from([0xc1, 0xd6, 0xd0, 0xa1, 0xd3, 0xea]),
        Buffer.from(',05-17,gold,1,2020-01-01,\n'),
      ]);
      const notUtf8 = await postCsv(gbk as unknown as string).expect(400);
      expect(notUtf8.body.error.details[0].message).toContain('is not UTF-8 text');
    });

    it('refuses a malformed Idempotency-Key (400) and the same key with another file (409 IDEMPOTENCY_CONFLICT)', async () => {
      const bad = await postCsv(`${HEADER}\n`, { 'Idempotency-Key': 'has spaces and /' }).expect(400);
      expect(bad.body.error.details).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);

      const key = unique('key-');
      await postCsv(`${HEADER}\n${uniquePhone()},甲,01-01,friend,1,2020-01-01,\n`, {
        'Idempotency-Key': key,
      }).expect(200);
      const phone = uniquePhone();
      const clash = await postCsv(`${HEADER}\n${phone},乙,01-01,friend,1,2020-01-01,\n`, {
        'Idempotency-Key': key,
      }).expect(409);
      expect(clash.body.error.code).toBe(ErrorCode.IDEMPOTENCY_CONFLICT);
      expect(await memberByPhone(phone)).toBeUndefined();
    });

    it('refuses files over 5 MB (413) and over 20,000 rows (400), creating nobody', async () => {
      const big =
        `${HEADER}\n` + `${uniquePhone()},${'x'.repeat(30)},01-01,friend,1,2020-01-01,\n`.repeat(100_000);
      const tooBig = await postCsv(big).expect(413);
      expect(tooBig.body.error.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);

      const rows = Array.from(
        { length: 20_001 },
        (_, i) => `1390${String(i).padStart(7, '0')},n,01-01,friend,1,2020-01-01,`,
      );
      const tooMany = await postCsv(`${HEADER}\n${rows.join('\n')}\n`).expect(400);
      expect(tooMany.body.error.details[0].message).toContain('20001 rows');
      expect(await memberByPhone('13900000000')).toBeUndefined();
    });

    it('lets only managers import: clerk and member 403, no token 401', async () => {
      const member = await joinMember(club.request);
      const csv = `${HEADER}\n${uniquePhone()},甲,01-01,friend,1,2020-01-01,\n`;
      for (const token of [shop.clerkToken, member.accessToken]) {
        const res = await club.request
          .post(`${API}/members/imports`)
          .set(bearer(token))
          .set('Content-Type', 'text/csv')
          .send(csv)
          .expect(403);
        expect(res.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
      await club.request.post(`${API}/members/imports`).set('Content-Type', 'text/csv').send(csv).expect(401);
    });
  });
});
