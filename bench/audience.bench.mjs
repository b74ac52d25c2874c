#!/usr/bin/env node
// Benchmark of the event editor's live audience count on a durable MariaDB holding a seeded club
// (default 300,000 members): `POST /events/audience-count` over HTTP against the built server, for
// criteria from "everyone" to every criterion at once, beside what the same database does at best in
// the same run: a bare `SELECT COUNT(*)` of the live members, a scan that reads every live member's
// interests inside MariaDB, and every live member's audience columns read out through mysql2 (which
// is also the brute force the counts are checked against: the shared `isEligibleForEvent` over each
// row). Calls are interleaved round by round, so the machine's drift hits every scenario alike, and
// the median of the rounds is reported.
//
//   node bench/audience.bench.mjs [--members=300000] [--rounds=7]
//   node bench/audience.bench.mjs --smoke      (3,000 members, 3 rounds: for CI, seconds)
//
// Exits non-zero when a request failed, a figure is missing, or a count differs from the brute force.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadAverage as load, median } from './lib/figures.mjs';
import { startMariadb } from './lib/mariadb.mjs';
import { api, loginManager, startServer } from './lib/server.mjs';
import { connectionOptions, cpuMsOf, intArg, mysql, parseArgs, ROOT, secs } from './lib/util.mjs';
import { DEFAULT_MEMBERS, seedClub } from './seed-club.mjs';

const { isEligibleForEvent } = createRequire(join(ROOT, 'server', 'package.json'))('@vip-club/shared');

const args = parseArgs();
const smoke = args.smoke === true;
const MEMBERS = intArg(args, 'members', smoke ? 3_000 : DEFAULT_MEMBERS);
const ROUNDS = intArg(args, 'rounds', smoke ? 3 : 7);
const TIME_ZONE = 'Asia/Shanghai';

const log = (line) => console.log(line);

// A dozen lists as members fill them in, a quarter of them empty; spelling varies ("Golf ").
const INTEREST_SETS = [
  '[]',
  '["茶道"]',
  '["翡翠","黄金"]',
  '[]',
  '["高尔夫"]',
  '["茶道","旅行"]',
  '[]',
  '["Golf ","红酒"]',
  '["钻石"]',
  '["珍珠","旅行","亲子"]',
  '["黄金"]',
  '["瑜伽","茶道","翡翠"]',
];
// Longer than the count groups in SQL (200 bytes), so the count reads these apart; rare, as such lists are.
const LONG_INTERESTS = JSON.stringify([...Array.from({ length: 11 }, (_, i) => `古典珠宝收藏${i}`), '茶道']);

/**
 * The seeder gives every member the same empty interests, a birth date and a life: the audience
 * needs the variety a real club has. Interests from a dozen common lists (every 499th a long one),
 * every 31st member of the third gender, every 10th without a birth year, every 23rd without a
 * birthday, every 97th erased (as erasure leaves them).
 */
async function varyMembers(pool) {
  const sets = INTEREST_SETS.map((s) => `'${s}'`).join(', ');
  await pool.query(
    `UPDATE members SET
       interests = IF(id MOD 499 = 0, ?, ELT(1 + id MOD ${INTEREST_SETS.length}, ${sets})),
       gender = IF(id MOD 31 = 0, 'other', gender),
       birth_year = IF(id MOD 10 = 0, NULL, birth_year),
       birth_month = IF(id MOD 23 = 0, NULL, birth_month),
       birth_day = IF(id MOD 23 = 0, NULL, birth_day),
       birth_md = IF(id MOD 23 = 0, NULL, birth_md),
       erased_at = IF(id MOD 97 = 0, NOW(3), NULL),
       phone = IF(id MOD 97 = 0, NULL, phone)`,
    [LONG_INTERESTS],
  );
  await pool.query('ANALYZE TABLE members');
}

/** What the editor asks while a manager edits an event: from nobody narrowed to every criterion. */
function criteria(pickedIds) {
  return [
    ['everyone', {}],
    ['gold women', { tiers: ['gold'], genders: ['female'] }],
    ['tea or golf', { interests: ['茶道', 'golf'] }],
    ['diamond men into tea or golf', { tiers: ['diamond'], genders: ['male'], interests: ['茶道', 'golf'] }],
    ['30–39', { ageBands: ['30_34', '35_39'] }],
    [
      'every criterion + 3 hand-picked',
      {
        tiers: ['gold', 'diamond'],
        genders: ['female', 'other'],
        ageBands: ['25_29', '50_plus'],
        interests: ['翡翠'],
        storeIds: ['1'],
        memberIds: pickedIds,
      },
    ],
  ];
}

const FULL_ROW_SQL =
  'SELECT id, tier, gender, birth_year, birth_month, birth_day, interests, store_id FROM members WHERE erased_at IS NULL';

function audienceMember(row) {
  return {
    id: String(row.id),
    tier: row.tier,
    gender: row.gender,
    birthday:
      row.birth_month === null
        ? null
        : {
            month: Number(row.birth_month),
            day: Number(row.birth_day),
            ...(row.birth_year === null ? {} : { year: Number(row.birth_year) }),
          },
    interests: JSON.parse(row.interests),
    storeId: row.store_id === null ? null : String(row.store_id),
  };
}

async function main(failures) {
  log(
    `audience count benchmark: ${MEMBERS} members, ${ROUNDS} rounds${smoke ? ' (smoke)' : ''}; load average ${load()}`,
  );
  const db = await startMariadb(
    smoke ? { bufferPoolMb: 256, logFileMb: 96 } : { bufferPoolMb: 2048, logFileMb: 512 },
  );
  let server;
  let pool;
  try {
    const { dbUrl, figures } = await seedClub(db.url, { members: MEMBERS, log });
    pool = mysql.createPool({ ...connectionOptions(dbUrl), connectionLimit: 2, timezone: 'Z' });
    const tVary = Date.now();
    await varyMembers(pool);
    log(
      `seeded ${figures.members} members in ${secs(figures.insertMs + figures.migrateMs)} s, varied in ${secs(Date.now() - tVary)} s`,
    );
    const [[live]] = await pool.query('SELECT COUNT(*) AS n FROM members WHERE erased_at IS NULL');
    // Two live members no criterion of the last case invites (silver men) and an erased one.
    const [picked] = await pool.query(
      `(SELECT id FROM members WHERE erased_at IS NULL AND tier = 'silver' AND gender = 'male' ORDER BY id LIMIT 2)
       UNION ALL (SELECT id FROM members WHERE erased_at IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    const cases = criteria(picked.map((r) => String(r.id)));

    server = await startServer(dbUrl, {
      jwtSecret: randomBytes(32).toString('hex'),
      env: { CLUB_TIMEZONE: TIME_ZONE },
    });
    let token = await loginManager(server.baseUrl);
    let tokenAt = Date.now();
    const count = async (eligibility) => {
      // An access token lasts 15 minutes; a long run on a loaded machine may outlast one.
      if (Date.now() - tokenAt > 10 * 60_000) {
        token = await loginManager(server.baseUrl);
        tokenAt = Date.now();
      }
      return (
        await api(server.baseUrl, 'POST', '/events/audience-count', {
          token,
          body: { eligibility },
          expect: [200],
        })
      ).body.count;
    };

    let brute = null;
    const scenarios = [
      ...cases.map(([label, eligibility]) => ({
        label: `POST /events/audience-count: ${label}`,
        kind: 'api',
        eligibility,
        run: () => count(eligibility),
      })),
      {
        label: 'ceiling: SELECT COUNT(*) of live members',
        kind: 'count',
        run: async () =>
          Number((await pool.query('SELECT COUNT(*) AS n FROM members WHERE erased_at IS NULL'))[0][0].n),
      },
      {
        label: 'ceiling: scan of every interests list',
        kind: 'scan',
        run: async () =>
          Number(
            (
              await pool.query(
                'SELECT COUNT(*) AS n FROM members WHERE erased_at IS NULL AND LENGTH(interests) >= 0',
              )
            )[0][0].n,
          ),
      },
      {
        label: 'ceiling: every live row out through mysql2',
        kind: 'rows',
        run: async () => {
          const [rows] = await pool.query(FULL_ROW_SQL);
          brute ??= rows.map(audienceMember);
          return rows.length;
        },
      },
    ];

    // Warm-up: the buffer pool, the server's statement path and the brute force's rows.
    for (const s of scenarios) await s.run();
    const now = new Date();
    for (const s of scenarios.filter((x) => x.kind === 'api')) {
      const expected = brute.filter((m) => isEligibleForEvent(m, s.eligibility, now, TIME_ZONE)).length;
      const got = await s.run();
      s.count = got;
      if (got !== expected)
        failures.push(`${s.label}: the API counted ${got}, the rule over every row ${expected}`);
      if (!(got > 0)) failures.push(`${s.label}: nobody counted, the case tells nothing`);
    }
    log(
      `server up (pid ${server.pid}); ${live.n} live members; counts checked against the rule over every row`,
    );

    for (const s of scenarios) Object.assign(s, { ms: [], appCpu: 0, dbCpu: 0 });
    for (let r = 1; r <= ROUNDS; r++) {
      for (const s of scenarios) {
        // The ceilings run in the bench process: its CPU is theirs, as the server's is the API's.
        const appPid = s.kind === 'api' ? server.pid : process.pid;
        const app0 = cpuMsOf(appPid);
        const db0 = db.pid === undefined ? Number.NaN : cpuMsOf(db.pid);
        const t0 = process.hrtime.bigint();
        const n = await s.run();
        s.ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        s.appCpu += cpuMsOf(appPid) - app0;
        s.dbCpu += db.pid === undefined ? Number.NaN : cpuMsOf(db.pid) - db0;
        s.count ??= n;
      }
      log(`round ${r}/${ROUNDS} done; load average ${load()}`);
    }

    const byKind = (kind) => median(scenarios.find((s) => s.kind === kind).ms);
    const countMs = byKind('count');
    const rowsMs = byKind('rows');
    const cells = [
      ['scenario', 62, (s) => s.label],
      ['count', 8, (s) => String(s.count)],
      ['median ms', 9, (s) => median(s.ms).toFixed(0)],
      ['min ms', 7, (s) => Math.min(...s.ms).toFixed(0)],
      ['max ms', 7, (s) => Math.max(...s.ms).toFixed(0)],
      ['× COUNT(*)', 10, (s) => (median(s.ms) / countMs).toFixed(1)],
      ['× rows out', 10, (s) => (median(s.ms) / rowsMs).toFixed(2)],
      ['app CPU ms', 10, (s) => (s.appCpu / ROUNDS).toFixed(0)],
      ['db CPU ms', 9, (s) => (s.dbCpu / ROUNDS).toFixed(0)],
    ];
    // The scenario reads left to right, the figures line up on the right.
    const line = (values) =>
      `| ${values.map((v, i) => (i === 0 ? v.padEnd(cells[i][1]) : v.padStart(cells[i][1]))).join(' | ')} |`;
    log('');
    log(
      `Median of ${ROUNDS} rounds; ${MEMBERS} members (${live.n} live); durable MariaDB; load average ${load()}`,
    );
    log(line(cells.map(([h]) => h)));
    log(`|${cells.map(([, w]) => '-'.repeat(w + 2)).join('|')}|`);
    for (const s of scenarios) log(line(cells.map(([, , f]) => f(s))));
    log(
      '(app CPU: the server for the API, the bench process for the ceilings; CPU per call, mean of the rounds)',
    );

    for (const s of scenarios)
      if (s.ms.length !== ROUNDS || !s.ms.every(Number.isFinite))
        failures.push(`${s.label}: figures missing`);
  } catch (err) {
    if (server) console.error(server.output().slice(-3000));
    throw err;
  } finally {
    await pool?.end();
    await server?.stop();
    await db.stop();
  }
}

const started = Date.now();
const failures = [];
await main(failures).catch((err) => failures.push(err instanceof Error ? err.stack : String(err)));
log(`\ntotal ${secs(Date.now() - started)} s`);
if (failures.length > 0) {
  console.error(`\nBENCHMARK FAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
}
