#!/usr/bin/env node
// Benchmark of the daily `birthdays` job on a durable MariaDB holding a seeded club (default
// 1,000,000 members, birthdays spread over the year): a manager runs it through
// `POST /jobs/birthdays/runs` against the server, with points for two tiers and a voucher for the
// other two. Reported: seconds of the first run (it pays the month's gifts), of a second run the
// same day (it pays nothing), members read, and the statements the database received per member of
// the month (MariaDB's `Questions` counter; the private server has no other client during a run).
// Then every paid gift is checked against the ledger and the redemptions: one each.
//
//   node bench/birthdays.bench.mjs [--members=1000000]
//   node bench/birthdays.bench.mjs --smoke      (5,000 members: for CI, seconds)
//   node bench/birthdays.bench.mjs --two-servers   (the first run by two server processes at once)
//
// The server runs from its TypeScript sources (compiled on require by swc, `@vip-club/shared` from
// its sources), so the bench needs no build; NODE_ENV=test keeps its scheduler from running the
// other daily jobs over the same club during the measurement.
import { join } from 'node:path';
import { questions, startMariadb, withDatabase } from './lib/mariadb.mjs';
import { api, loginManager, startServer } from './lib/server.mjs';
import { connectionOptions, intArg, mysql, parseArgs, ROOT, secs } from './lib/util.mjs';
import { seedRows } from './seed-club.mjs';

const args = parseArgs();
const smoke = args.smoke === true;
const MEMBERS = intArg(args, 'members', smoke ? 5_000 : 1_000_000);
const TWO_SERVERS = args['two-servers'] === true;
const DATABASE = 'vip_club_bench_birthdays';
const log = (line) => console.log(line);

/** The server's sources through swc (no build): the bench measures the code as it is. */
const SERVER_FROM_SOURCES = join(ROOT, 'scripts', 'lib', 'server-from-sources.cjs');

async function main() {
  const db = await startMariadb();
  let server;
  let other;
  let pool;
  try {
    const admin = await mysql.createConnection(connectionOptions(db.url));
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const dbUrl = withDatabase(db.url, DATABASE);
    const serverOptions = { main: SERVER_FROM_SOURCES, env: { NODE_ENV: 'test' } };

    // The schema from the server's own migrations, then the seeded club.
    let t0 = Date.now();
    await (await startServer(dbUrl, serverOptions)).stop();
    log(`schema: the server's migrations in ${secs(Date.now() - t0)} s`);
    t0 = Date.now();
    const seeded = await seedRows(dbUrl, { members: MEMBERS, log });
    pool = mysql.createPool({ ...connectionOptions(dbUrl), connectionLimit: 2 });
    // Seeded birthdays went on file when the member joined, as the migration records existing ones.
    await pool.query('UPDATE members SET birthday_set_at = joined_at WHERE birth_md IS NOT NULL');
    log(`seeded ${seeded.members} members in ${secs(Date.now() - t0)} s`);

    server = await startServer(dbUrl, serverOptions);
    const token = await loginManager(server.baseUrl);
    const { body: voucher } = await api(server.baseUrl, 'POST', '/rewards', {
      token,
      body: {
        name: '生日礼券',
        description: '生日月礼遇，门店领取',
        kind: 'voucher',
        pointsCost: 1,
        stock: 1_000_000,
        perMemberLimit: 1,
        tiers: [],
        availableFrom: new Date(Date.now() - 3_600_000).toISOString(),
        availableTo: new Date(Date.now() + 400 * 86_400_000).toISOString(),
      },
    });
    await api(server.baseUrl, 'PUT', '/birthday-gifts', {
      token,
      body: {
        gifts: {
          friend: { kind: 'points', points: 100 },
          silver: { kind: 'points', points: 200 },
          gold: { kind: 'reward', rewardId: voucher.id },
          diamond: { kind: 'reward', rewardId: voucher.id },
        },
        guardDays: 30,
      },
    });

    // With --two-servers the first run is two server processes running the job at the same moment.
    const runners = [{ baseUrl: server.baseUrl, token }];
    if (TWO_SERVERS) {
      other = await startServer(dbUrl, serverOptions);
      runners.push({ baseUrl: other.baseUrl, token: await loginManager(other.baseUrl) });
    }
    const runs = [];
    for (const [i, label] of [
      TWO_SERVERS ? 'first run, two servers at once' : 'first run',
      'second run, same day',
    ].entries()) {
      const q0 = await questions(pool);
      const start = Date.now();
      const answers = await Promise.all(
        (i === 0 ? runners : runners.slice(0, 1)).map((r) =>
          api(r.baseUrl, 'POST', '/jobs/birthdays/runs', { token: r.token }),
        ),
      );
      const result = answers
        .map((a) => a.body)
        .reduce((sum, r) => ({
          ...sum,
          points: sum.points + r.points,
          vouchers: sum.vouchers + r.vouchers,
          outOfStock: sum.outOfStock + r.outOfStock,
        }));
      const ms = Date.now() - start;
      // The two status reads of this bench are the only other statements.
      const statements = (await questions(pool)) - q0 - 1;
      runs.push({
        label,
        ms,
        statements,
        result,
        split: answers.map((a) => a.body.points + a.body.vouchers),
      });
    }

    const month = runs[0].result.month;
    const [[facts]] = await pool.query(
      `SELECT
         (SELECT COUNT(*) FROM members WHERE birth_month = ? AND erased_at IS NULL) AS inMonth,
         (SELECT COUNT(*) FROM birthday_gifts) AS gifts,
         (SELECT COUNT(*) FROM points_ledger WHERE kind = 'bonus' AND ref LIKE 'birthday:%') AS bonuses,
         (SELECT COUNT(DISTINCT member_id) FROM points_ledger WHERE kind = 'bonus' AND ref LIKE 'birthday:%') AS bonusMembers,
         (SELECT COUNT(*) FROM redemptions WHERE reward_id = ?) AS vouchers,
         (SELECT COUNT(DISTINCT member_id) FROM redemptions WHERE reward_id = ?) AS voucherMembers,
         (SELECT COUNT(*) FROM message_outbox WHERE channel = 'inbox' AND ref LIKE 'birthday-greeting:%') AS greetings,
         (SELECT COUNT(DISTINCT member_id) FROM message_outbox WHERE channel = 'inbox' AND ref LIKE 'birthday-greeting:%') AS greetedMembers`,
      [month, voucher.id, voucher.id],
    );
    const n = (v) => Number(v);
    log('');
    log(
      `birthdays job over ${MEMBERS.toLocaleString('en')} members (${n(facts.inMonth).toLocaleString('en')} born in month ${month}):`,
    );
    for (const r of runs) {
      const perMember = r.result.scanned > 0 ? (r.statements / r.result.scanned).toFixed(3) : '-';
      log(
        `  ${r.label}: ${secs(r.ms)} s, read ${r.result.scanned}, paid ${r.result.points} points + ${r.result.vouchers} vouchers, ` +
          `birthday greetings offered ${r.result.greeted}; ${r.statements} statements = ${perMember} per member read` +
          (r.split.length > 1 ? ` (gifts paid by each server: ${r.split.join(' + ')})` : ''),
      );
    }
    const problems = [];
    if (n(facts.gifts) !== runs[0].result.points + runs[0].result.vouchers)
      problems.push('gift rows ≠ gifts paid');
    if (n(facts.bonuses) !== n(facts.bonusMembers) || n(facts.bonuses) !== runs[0].result.points)
      problems.push('a points gift paid twice or missing');
    if (n(facts.vouchers) !== n(facts.voucherMembers) || n(facts.vouchers) !== runs[0].result.vouchers)
      problems.push('a voucher given twice or missing');
    if (runs[0].result.scanned !== n(facts.inMonth)) problems.push('the run did not read exactly the month');
    if (runs[1].result.points + runs[1].result.vouchers !== 0) problems.push('the second run paid again');
    if (runs[0].result.points + runs[0].result.vouchers === 0) problems.push('nothing was paid');
    // Every run offers today's greetings again; the outbox keeps one per member by its unique ref.
    if (n(facts.greetings) !== n(facts.greetedMembers) || n(facts.greetings) !== runs[0].result.greeted)
      problems.push('a birthday greeting queued twice or missing');
    log(
      problems.length === 0
        ? "checks: each gift once, each of today's greetings once, the month read exactly"
        : `PROBLEMS: ${problems.join('; ')}`,
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await pool?.end();
    await server?.stop();
    await other?.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
