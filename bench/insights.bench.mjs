#!/usr/bin/env node
// Benchmark of the managers' club overview, `GET /insights/overview`, on a durable MariaDB holding a
// seeded club (default 300,000 members with a year of purchases, their ledger and lots, as
// seed-club.mjs makes them; then, set-based in SQL, the rest of a club's life: events over the past
// year and the coming two months with registrations, check-ins and ratings, refunds, gifts picked up
// and returned with their ledger entries, referrals, feedback, follow-ups, recent joiners and erased
// members). Reported: the overview's latency over HTTP (median and p95 of N sequential calls, for
// the whole club and for one store) and the statements the database received per overview
// (MariaDB's `Questions`; the private server has no other client during a run). Then the answer is
// checked against plain SQL for the figures that have a one-line definition.
//
//   node bench/insights.bench.mjs [--members=300000] [--runs=30]
//   node bench/insights.bench.mjs --smoke      (5,000 members, 5 runs: for CI, seconds)
//
// The server runs from its TypeScript sources (no build); NODE_ENV=test keeps its scheduler and
// outbox dispatcher quiet, so the statements counted are the overview's own.
import { join } from 'node:path';
import { loadAverage, median, p95 } from './lib/figures.mjs';
import { questions, startMariadb, withDatabase } from './lib/mariadb.mjs';
import { api, loginManager, startServer } from './lib/server.mjs';
import { connectionOptions, intArg, mysql, parseArgs, ROOT, secs } from './lib/util.mjs';
import { seedRows } from './seed-club.mjs';

const args = parseArgs();
const smoke = args.smoke === true;
const MEMBERS = intArg(args, 'members', smoke ? 5_000 : 300_000);
const RUNS = intArg(args, 'runs', smoke ? 5 : 30);
const EVENTS = smoke ? 40 : 400;
const DATABASE = 'vip_club_bench_insights';
const SERVER_FROM_SOURCES = join(ROOT, 'scripts', 'lib', 'server-from-sources.cjs');
const log = (line) => console.log(line);

/**
 * The rest of the club's life on top of the seeder's members and purchases, each kind of row one
 * INSERT … SELECT over the members (or events) by id arithmetic, so the same N seeds the same club.
 */
async function seedLife(pool, managerId) {
  const now = 'UTC_TIMESTAMP(3)';
  const statements = [
    // A third of the members last bought 13 to 25 months ago (the seeder's year of purchases, moved
    // back with their earnings, whose lots now expire sooner): the overview's active members and
    // buyers are not everyone, and some points lapse within the 30 days.
    `UPDATE purchases SET occurred_at = occurred_at - INTERVAL 400 DAY, recorded_at = recorded_at - INTERVAL 400 DAY
      WHERE member_id % 3 = 0`,
    `UPDATE points_ledger SET created_at = created_at - INTERVAL 400 DAY, expires_at = expires_at - INTERVAL 400 DAY
      WHERE member_id % 3 = 0 AND kind = 'earn'`,
    `UPDATE points_lots SET available_at = available_at - INTERVAL 400 DAY, expires_at = expires_at - INTERVAL 400 DAY
      WHERE member_id % 3 = 0`,
    // A member in 100 joined within the 30 days; one in 1,000 is erased.
    `UPDATE members SET joined_at = ${now} - INTERVAL (id % 30) DAY - INTERVAL 1 HOUR WHERE id % 100 = 7`,
    `UPDATE members SET erased_at = ${now}, name = '已注销', phone = NULL WHERE id % 1000 = 5`,
    // Events: every few days over the past year, some still to come; one in 10 has no store.
    `INSERT INTO events (title, kind, description, venue, store_id, starts_at, ends_at, capacity, points_cost,
        guests_allowed, eligibility, opens_at, closes_at, priority_tiers, status, confirmed_seats,
        checked_in_seats, invited_count, published_at, created_by_staff_id, created_at, updated_at)
     SELECT CONCAT('活动 ', m.id), 'lecture', '', '门店', IF(m.id % 10 = 3, NULL, 1 + m.id % 20),
            ${now} + INTERVAL 60 DAY - INTERVAL (m.id * 425 DIV ${EVENTS}) DAY,
            ${now} + INTERVAL 60 DAY - INTERVAL (m.id * 425 DIV ${EVENTS}) DAY + INTERVAL 3 HOUR,
            100000, 0, 1, '{}', ${now} - INTERVAL 400 DAY, ${now} + INTERVAL 60 DAY - INTERVAL (m.id * 425 DIV ${EVENTS}) DAY,
            '[]', 'published', 0, 0, 0, ${now} - INTERVAL 400 DAY, ${managerId}, ${now} - INTERVAL 400 DAY, ${now}
       FROM members m WHERE m.id <= ${EVENTS}`,
    // Half the members registered for one event a week before it; three in four of those whose
    // event has started came; one in five of those rated it.
    `INSERT INTO event_registrations (event_id, member_id, live_member_id, status, seats, guests, ticket_code,
        points_spent, balance_after, created_at, confirmed_at, checked_in_at, rating, comment, rated_at)
     SELECT e.id, m.id, m.id, 'confirmed', 1, 0, CONCAT('T', m.id), 0, 0,
            e.starts_at - INTERVAL 7 DAY, e.starts_at - INTERVAL 7 DAY,
            IF(e.starts_at < ${now} AND m.id % 8 <> 0, e.starts_at + INTERVAL 10 MINUTE, NULL),
            IF(e.starts_at < ${now} AND m.id % 8 <> 0 AND m.id % 5 = 0, 1 + m.id % 5, NULL),
            IF(e.starts_at < ${now} AND m.id % 8 <> 0 AND m.id % 5 = 0, '', NULL),
            IF(e.starts_at < ${now} AND m.id % 8 <> 0 AND m.id % 5 = 0, e.starts_at + INTERVAL 1 DAY, NULL)
       FROM members m
       JOIN events e ON e.id = (SELECT MIN(id) FROM events) + (m.id DIV 2) % ${EVENTS}
      WHERE m.id % 2 = 0`,
    `UPDATE events e JOIN (SELECT event_id, COUNT(*) AS seats, COUNT(checked_in_at) AS came
                             FROM event_registrations GROUP BY event_id) r ON r.event_id = e.id
        SET e.confirmed_seats = r.seats, e.checked_in_seats = r.came`,
    // One purchase in 20 half refunded three days after it (or now, for the last three days').
    `INSERT INTO refunds (purchase_id, amount, reason, points_reversed, balance_after, created_by, created_at)
     SELECT p.id, p.amount DIV 2, '退货', 0, 0, 'seed', LEAST(p.occurred_at + INTERVAL 3 DAY, ${now})
       FROM purchases p WHERE p.id % 20 = 0`,
    'UPDATE purchases SET refunded_amount = amount DIV 2 WHERE id % 20 = 0',
    // One in 100 refunded whole the next day (an exchange, or returned): no purchase for repeat purchase.
    `INSERT INTO refunds (purchase_id, amount, reason, points_reversed, balance_after, created_by, created_at)
     SELECT p.id, p.amount, '换款', 0, 0, 'seed', LEAST(p.occurred_at + INTERVAL 1 DAY, ${now})
       FROM purchases p WHERE p.id % 100 = 50`,
    'UPDATE purchases SET refunded_amount = amount WHERE id % 100 = 50',
    // One member in 10 redeemed a gift within the year (one in 5 of those returned it), with the ledger
    // entries a redemption writes and the balance moved to match.
    `INSERT INTO rewards (name, description, kind, points_cost, stock, stock_left, per_member_limit, tiers,
        available_from, available_to, created_at, updated_at)
     VALUES ('金箔书签', '', 'gift', 100, 1000000, 1000000, 100, '[]', ${now} - INTERVAL 400 DAY,
        ${now} + INTERVAL 400 DAY, ${now}, ${now})`,
    `INSERT INTO redemptions (member_id, reward_id, quantity, points_spent, balance_after, status, code,
        idempotency_key, created_at, fulfilled_at, cancelled_at)
     SELECT m.id, (SELECT MAX(id) FROM rewards), 1, 100, 0, IF(m.id % 50 = 1, 'cancelled', 'fulfilled'),
            CONCAT('R', LPAD(m.id, 7, '0')), CONCAT('seed-', m.id), ${now} - INTERVAL (m.id % 365) DAY - INTERVAL 1 HOUR,
            IF(m.id % 50 = 1, NULL, ${now} - INTERVAL (m.id % 365) DAY),
            IF(m.id % 50 = 1, ${now} - INTERVAL (m.id % 365) DAY, NULL)
       FROM members m WHERE m.id % 10 = 1`,
    `INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at)
     SELECT r.member_id, -100, 'redeem', 0, CONCAT('redemption:', r.member_id, ':', r.idempotency_key), r.created_at
       FROM redemptions r`,
    `INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at)
     SELECT r.member_id, 100, 'redeem_cancel', 0, CONCAT('redemption:', r.member_id, ':', r.idempotency_key), r.cancelled_at
       FROM redemptions r WHERE r.status = 'cancelled'`,
    `UPDATE members SET points = points - 100 WHERE id % 10 = 1 AND id % 50 <> 1`,
    // The recent joiners came through a friend's code; half of those were rewarded.
    `INSERT INTO referrals (referrer_id, referred_id, bound_at, status, rewarded_at, referrer_points, referred_points)
     SELECT m.id - 1, m.id, m.joined_at, IF(m.id % 200 = 7, 'rewarded', 'bound'),
            IF(m.id % 200 = 7, m.joined_at + INTERVAL 1 HOUR, NULL), IF(m.id % 200 = 7, 500, 0), IF(m.id % 200 = 7, 200, 0)
       FROM members m WHERE m.id % 100 = 7`,
    // One member in 50 left feedback within the two months; the low ratings opened follow-ups, most
    // resolved (some late), the last days' still open.
    `INSERT INTO feedback (member_id, subject, store_id, rating, comment, created_at)
     SELECT m.id, 'other', m.store_id, 1 + (m.id DIV 50) % 5, '', ${now} - INTERVAL (m.id % 60) DAY
       FROM members m WHERE m.id % 50 = 4`,
    `INSERT INTO follow_ups (store_id, member_id, subject, rating, comment, status, opened_at, first_response_due_at,
        resolve_due_at, resolved_at, first_responded_at, escalated_at)
     SELECT f.store_id, f.member_id, 'other', f.rating, '', IF(f.created_at > ${now} - INTERVAL 3 DAY, 'open', 'resolved'),
            f.created_at, f.created_at + INTERVAL 15 MINUTE, f.created_at + INTERVAL 3 HOUR,
            IF(f.created_at > ${now} - INTERVAL 3 DAY, NULL, f.created_at + INTERVAL IF(f.member_id % 7 = 0, 5, 2) HOUR),
            IF(f.member_id % 3 = 0, NULL, f.created_at + INTERVAL 10 MINUTE),
            IF(f.member_id % 7 = 0, f.created_at + INTERVAL 4 HOUR, NULL)
       FROM feedback f WHERE f.rating <= 3`,
    'ANALYZE TABLE members, purchases, refunds, points_ledger, points_lots, events, event_registrations, redemptions, referrals, feedback, follow_ups',
  ];
  for (const sql of statements) await pool.query(sql);
}

/** The overview's figures that plain SQL says in a line, to hold the answer (as of its `asOf`) against. */
async function expected(pool, storeId, asOf) {
  const scope = storeId === undefined ? '' : ` AND m.store_id = ${Number(storeId)}`;
  const [[row]] = await pool.query(
    `SELECT COUNT(*) AS total, COALESCE(SUM(GREATEST(m.points, 0)), 0) AS outstanding,
            SUM(m.consent_marketing = 1) AS consenting
       FROM members m WHERE m.erased_at IS NULL${scope}`,
  );
  // Shanghai (the server's default zone) has kept UTC+8 since 1991: a club day is the UTC time plus 8 hours.
  const [[bought]] = await pool.query(
    `SELECT COUNT(*) AS buyers, COALESCE(SUM(b.days >= 2), 0) AS repeatBuyers
       FROM (SELECT COUNT(DISTINCT DATE(p.occurred_at + INTERVAL 8 HOUR)) AS days
               FROM purchases p JOIN members m ON m.id = p.member_id
              WHERE m.erased_at IS NULL${scope} AND p.refunded_amount < p.amount
                AND p.occurred_at > ? - INTERVAL 365 DAY AND p.occurred_at <= ?
              GROUP BY p.member_id) b`,
    [new Date(asOf), new Date(asOf)],
  );
  return {
    total: Number(row.total),
    outstanding: Number(row.outstanding),
    consenting: Number(row.consenting),
    buyers: Number(bought.buyers),
    repeatBuyers: Number(bought.repeatBuyers),
  };
}

async function main() {
  const db = await startMariadb();
  let server;
  let pool;
  try {
    const admin = await mysql.createConnection(connectionOptions(db.url));
    await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const dbUrl = withDatabase(db.url, DATABASE);
    const serverOptions = { main: SERVER_FROM_SOURCES, env: { NODE_ENV: 'test' } };

    let t0 = Date.now();
    await (await startServer(dbUrl, serverOptions)).stop();
    log(`schema: the server's migrations in ${secs(Date.now() - t0)} s`);
    t0 = Date.now();
    const seeded = await seedRows(dbUrl, { members: MEMBERS, log });
    pool = mysql.createPool({ ...connectionOptions(dbUrl), connectionLimit: 2, timezone: 'Z' });
    const [[manager]] = await pool.query("SELECT MIN(id) AS id FROM staff WHERE role = 'manager'");
    await seedLife(pool, Number(manager.id));
    const [[counts]] = await pool.query(
      `SELECT (SELECT COUNT(*) FROM purchases) AS purchases, (SELECT COUNT(*) FROM points_ledger) AS ledger,
              (SELECT COUNT(*) FROM event_registrations) AS registrations, (SELECT COUNT(*) FROM redemptions) AS redemptions,
              (SELECT COUNT(*) FROM refunds) AS refunds, (SELECT COUNT(*) FROM follow_ups) AS followUps`,
    );
    log(
      `seeded ${seeded.members.toLocaleString('en')} members, ${Number(counts.purchases).toLocaleString('en')} purchases, ` +
        `${Number(counts.ledger).toLocaleString('en')} ledger entries, ${Number(counts.registrations).toLocaleString('en')} registrations, ` +
        `${Number(counts.redemptions).toLocaleString('en')} redemptions, ${Number(counts.refunds).toLocaleString('en')} refunds, ` +
        `${Number(counts.followUps).toLocaleString('en')} follow-ups in ${secs(Date.now() - t0)} s`,
    );

    server = await startServer(dbUrl, serverOptions);
    const token = await loginManager(server.baseUrl);
    const scenarios = [
      { label: 'whole club', query: '', storeId: undefined },
      { label: 'one store (of 20)', query: '?storeId=1', storeId: '1' },
    ];
    const problems = [];
    log('');
    log(
      `GET /insights/overview over ${MEMBERS.toLocaleString('en')} members, ${RUNS} sequential calls each (load ${loadAverage()}):`,
    );
    for (const s of scenarios) {
      // One call first: the statements' plans and the buffer pool's pages, as a manager's second look finds them.
      const { body: first } = await api(server.baseUrl, 'GET', `/insights/overview${s.query}`, { token });
      const ms = [];
      const q0 = await questions(pool);
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await api(server.baseUrl, 'GET', `/insights/overview${s.query}`, { token });
        ms.push(performance.now() - start);
      }
      // The one status read before is counted by the one after.
      const statements = ((await questions(pool)) - q0 - 1) / RUNS;
      log(
        `  ${s.label}: median ${median(ms).toFixed(0)} ms, p95 ${p95(ms).toFixed(0)} ms, ` +
          `${statements.toFixed(1)} statements per overview`,
      );
      const want = await expected(pool, s.storeId, first.asOf);
      const got = {
        total: first.members.total,
        outstanding: first.points.outstanding,
        consenting: first.members.withMarketingConsent,
        buyers: first.repeatPurchase.of,
        repeatBuyers: first.repeatPurchase.count,
      };
      for (const key of Object.keys(want)) {
        if (want[key] !== got[key]) problems.push(`${s.label}: ${key} ${got[key]}, SQL says ${want[key]}`);
      }
      const tierSum = first.tierMix.reduce((sum, t) => sum + t.members, 0);
      if (tierSum !== first.members.total) problems.push(`${s.label}: tier mix sums to ${tierSum}`);
      // A store has one event in 20: the smoke's few may all lie outside the 90 days.
      const needed = [first.members.active, first.repeatPurchase.of, first.followUps.ratingsLast30Days];
      if (s.storeId === undefined) needed.push(first.events.checkIn.of, first.followUps.resolvedInTime.of);
      if (needed.includes(0)) problems.push(`${s.label}: a figure the seeded club must have is 0`);
      if (s.storeId === undefined) log(`  whole club's answer: ${JSON.stringify(first)}`);
    }
    log(
      problems.length === 0
        ? 'checks: members, consent, points outstanding and repeat purchase (buyers, repeat buyers) equal plain SQL; tier mix sums to the members'
        : `PROBLEMS: ${problems.join('; ')}`,
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await pool?.end();
    await server?.stop();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
