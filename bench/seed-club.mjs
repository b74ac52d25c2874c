#!/usr/bin/env node
// Builds a club of N members (default 300,000) with a year of purchases on a MySQL database:
// the schema from the server's own migrations (the built server is started once on the empty
// database), then the rows straight in SQL with 5,000-row multi-row INSERTs. Points follow the
// shared rules (tier rate, birthday month, expiry): each purchase is an `earn` ledger entry with its
// lot, and every member's balance is the sum of their ledger.
//
//   node bench/seed-club.mjs [--members=300000] [--database=vip_club_bench]
//   (BENCH_MYSQL_URL=mysql://user:pass@host:port to use an existing server; else a private MariaDB
//   that is deleted again when the seeder exits: the seeder alone is for timing, points.bench.mjs
//   seeds its own.)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startMariadb, withDatabase } from './lib/mariadb.mjs';
import { startServer } from './lib/server.mjs';
import { connectionOptions, intArg, mysql, parseArgs, ROOT, secs } from './lib/util.mjs';

const shared = createRequire(join(ROOT, 'server', 'package.json'))('@vip-club/shared');
const { DEFAULT_CLUB_RULES, luhnCheckDigit, pointsExpiryAt, pointsForPurchase, tierAfterPurchase } = shared;

export const DEFAULT_MEMBERS = 300_000;
const ROWS_PER_INSERT = 5_000;
const STORES = 20;
const DAY_MS = 86_400_000;
const REFERRAL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A small deterministic PRNG: the same N always seeds the same club. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The phone of seeded member `i` (1-based): 11 digits, unique, a valid mainland mobile number. */
export const seededPhone = (i) => `13${String(i).padStart(9, '0')}`;

function memberNo(i) {
  const payload = String(10_000_000 + i);
  return payload + luhnCheckDigit(payload);
}

function referralCode(i) {
  let code = '';
  let n = i;
  for (let k = 0; k < 6; k++) {
    code = REFERRAL_ALPHABET[n % 31] + code;
    n = Math.floor(n / 31);
  }
  return code;
}

async function insertRows(conn, table, columns, rows) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await conn.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [
      rows.slice(i, i + ROWS_PER_INSERT),
    ]);
  }
}

async function columnsOf(conn, table) {
  const [rows] = await conn.query(
    'SELECT column_name AS name, is_nullable AS nullable, column_default AS dflt, extra FROM information_schema.columns ' +
      'WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  return rows;
}

/**
 * Seeds `dbUrl` (an existing, empty database the server has migrated). Returns the figures.
 * `log` gets progress lines.
 */
export async function seedRows(dbUrl, { members, log = () => {} }) {
  const opts = { ...connectionOptions(dbUrl), timezone: 'Z', multipleStatements: false };
  const conns = await Promise.all([0, 1, 2].map(() => mysql.createConnection(opts)));
  const t0 = Date.now();
  try {
    for (const c of conns) await c.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    const [main] = conns;
    // Purchases are seeded when the points core's table exists, with the columns it has.
    const purchaseColumns = await columnsOf(main, 'purchases');
    const known = new Set([
      'id',
      'store_id',
      'order_no',
      'member_id',
      'amount',
      'occurred_at',
      'recorded_at',
      'recorded_by',
      'points_earned',
      'earn_entry_id',
      'rule_set_id',
      'tier_before',
      'tier_after',
      'balance_after',
      'pending_until',
      'refunded_amount',
      'points_reversed',
    ]);
    const unknownRequired = purchaseColumns.filter(
      (c) => !known.has(c.name) && c.nullable === 'NO' && c.dflt === null && !/auto_increment/i.test(c.extra),
    );
    if (unknownRequired.length > 0) {
      throw new Error(
        `purchases has columns the seeder does not know: ${unknownRequired.map((c) => c.name).join(', ')}`,
      );
    }
    const pCols = purchaseColumns.map((c) => c.name).filter((n) => known.has(n));

    const now = Date.now();
    await insertRows(
      main,
      'stores',
      ['id', 'name', 'city', 'address', 'created_at'],
      Array.from({ length: STORES }, (_, k) => [
        k + 1,
        `门店 ${k + 1}`,
        '上海',
        `南京西路 ${k + 1} 号`,
        new Date(now - 900 * DAY_MS),
      ]),
    );

    const rules = DEFAULT_CLUB_RULES;
    const tz = rules.timeZone;
    // Zoned-time arithmetic per purchase would dominate the run: cache it per club day.
    const perDay = new Map();
    const dayFacts = (t) => {
      const key = Math.floor((t + 8 * 3_600_000) / DAY_MS);
      let facts = perDay.get(key);
      if (!facts) {
        const at = new Date(t);
        facts = {
          expiresAt: pointsExpiryAt(at, rules, tz),
          month: Number(new Intl.DateTimeFormat('en', { timeZone: tz, month: 'numeric' }).format(at)),
        };
        perDay.set(key, facts);
      }
      return facts;
    };

    const rand = prng(members);
    let purchaseId = 0;
    let ledgerId = 0;
    let totalPoints = 0;
    for (let from = 1; from <= members; from += ROWS_PER_INSERT) {
      const to = Math.min(members, from + ROWS_PER_INSERT - 1);
      const memberRows = [];
      const purchaseRows = [];
      const ledgerRows = [];
      const lotRows = [];
      for (let i = from; i <= to; i++) {
        const birthMonth = 1 + Math.floor(rand() * 12);
        const birthDay = 1 + Math.floor(rand() * 28);
        const birthYear = 1955 + Math.floor(rand() * 50);
        const joinedAt = new Date(now - (400 + Math.floor(rand() * 1500)) * DAY_MS);
        const storeId = 1 + Math.floor(rand() * STORES);
        const count = 1 + (rand() < 0.5 ? 1 : 0) + (rand() < 0.5 ? 1 : 0);
        const times = Array.from({ length: count }, () => now - Math.floor(rand() * 365 * DAY_MS)).sort(
          (a, b) => a - b,
        );
        let tier = 'friend';
        let spend = 0;
        let balance = 0;
        for (const t of times) {
          // Mostly everyday pieces, sometimes a big one: the tiers fill as in a real chain.
          const amount =
            rand() < 0.1 ? 500_000 + Math.floor(rand() * 3_000_000) : 20_000 + Math.floor(rand() * 300_000);
          const facts = dayFacts(t);
          const points = pointsForPurchase(
            { amountMinor: amount, tier, isBirthdayMonth: facts.month === birthMonth },
            rules,
          );
          const tierBefore = tier;
          spend += amount;
          tier = tierAfterPurchase(tier, spend, rules);
          balance += points;
          purchaseId++;
          ledgerId++;
          const at = new Date(t);
          const purchase = {
            id: purchaseId,
            store_id: storeId,
            order_no: `seed-${purchaseId}`,
            member_id: i,
            amount,
            occurred_at: at,
            recorded_at: at,
            recorded_by: 'seed',
            points_earned: points,
            earn_entry_id: ledgerId,
            rule_set_id: null,
            tier_before: tierBefore,
            tier_after: tier,
            balance_after: balance,
            pending_until: null,
            refunded_amount: 0,
            points_reversed: 0,
          };
          if (pCols.length > 0) purchaseRows.push(pCols.map((c) => purchase[c]));
          ledgerRows.push([
            ledgerId,
            i,
            points,
            'earn',
            balance,
            `purchase:${storeId}:seed-${purchaseId}`,
            at,
            facts.expiresAt,
          ]);
          lotRows.push([ledgerId, ledgerId, i, points, points, at, facts.expiresAt, null]);
        }
        totalPoints += balance;
        memberRows.push([
          i,
          memberNo(i),
          `会员${i}`,
          rand() < 0.8 ? 'female' : 'male',
          birthYear,
          birthMonth,
          birthDay,
          birthMonth * 100 + birthDay,
          seededPhone(i),
          '[]',
          null,
          storeId,
          null,
          balance,
          tier,
          spend,
          referralCode(i),
          null,
          1,
          joinedAt,
          joinedAt,
          null,
        ]);
      }
      await Promise.all([
        insertRows(
          conns[0],
          'members',
          [
            'id',
            'member_no',
            'name',
            'gender',
            'birth_year',
            'birth_month',
            'birth_day',
            'birth_md',
            'phone',
            'interests',
            'occupation',
            'store_id',
            'clerk_id',
            'points',
            'tier',
            'qualifying_spend',
            'referral_code',
            'referred_by_code',
            'consent_marketing',
            'consent_marketing_at',
            'joined_at',
            'erased_at',
          ],
          memberRows,
        ),
        insertRows(
          conns[1],
          'points_ledger',
          ['id', 'member_id', 'delta', 'kind', 'balance_after', 'ref', 'created_at', 'expires_at'],
          ledgerRows,
        ),
        (async () => {
          await insertRows(
            conns[2],
            'points_lots',
            [
              'id',
              'ledger_entry_id',
              'member_id',
              'points',
              'remaining',
              'available_at',
              'expires_at',
              'rule_set_id',
            ],
            lotRows,
          );
          if (purchaseRows.length > 0) await insertRows(conns[2], 'purchases', pCols, purchaseRows);
        })(),
      ]);
      if (to % 50_000 === 0 || to === members)
        log(`  ${to} members, ${purchaseId} purchases (${secs(Date.now() - t0)} s)`);
    }
    const insertedMs = Date.now() - t0;
    await main.query('ANALYZE TABLE members, points_ledger, points_lots');
    if (pCols.length > 0) await main.query('ANALYZE TABLE purchases');
    return {
      members,
      purchases: purchaseId,
      ledgerEntries: ledgerId,
      points: totalPoints,
      purchasesTable: pCols.length > 0,
      insertMs: insertedMs,
    };
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/** Members whose cached balance is not the sum of their ledger (0 for a sound club). */
export async function balancesOffLedger(dbUrl) {
  const conn = await mysql.createConnection(connectionOptions(dbUrl));
  try {
    const [rows] = await conn.query(
      'SELECT COUNT(*) AS n FROM members m LEFT JOIN (SELECT member_id, SUM(delta) AS total FROM points_ledger GROUP BY member_id) l ' +
        'ON l.member_id = m.id WHERE m.points <> COALESCE(l.total, 0)',
    );
    return Number(rows[0].n);
  } finally {
    await conn.end();
  }
}

/**
 * A fresh database `database` on the server at `serverUrl`, migrated by the built server, then
 * seeded. Returns `{dbUrl, figures}`.
 */
export async function seedClub(
  serverUrl,
  { database = 'vip_club_bench', members = DEFAULT_MEMBERS, log = () => {} } = {},
) {
  const admin = await mysql.createConnection(connectionOptions(serverUrl));
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(serverUrl, database);
  const t0 = Date.now();
  const server = await startServer(dbUrl);
  await server.stop();
  const migrateMs = Date.now() - t0;
  log(`schema: the server's migrations in ${secs(migrateMs)} s`);
  const figures = await seedRows(dbUrl, { members, log });
  return { dbUrl, figures: { ...figures, migrateMs } };
}

async function main() {
  const args = parseArgs();
  const members = intArg(args, 'members', DEFAULT_MEMBERS);
  const db = await startMariadb();
  try {
    const t0 = Date.now();
    const { dbUrl, figures } = await seedClub(db.url, {
      database: typeof args.database === 'string' ? args.database : undefined,
      members,
      log: (line) => console.log(line),
    });
    const off = await balancesOffLedger(dbUrl);
    console.log(
      `seeded ${figures.members} members, ${figures.purchases} purchases${figures.purchasesTable ? '' : ' (ledger only: no purchases table yet)'}, ` +
        `${figures.points} points in ${secs(Date.now() - t0)} s (rows ${secs(figures.insertMs)} s); balances off their ledger: ${off}`,
    );
    if (!db.private) console.log(`database: ${dbUrl.replace(/\/\/[^@]*@/, '//…@')}`);
    if (off !== 0) process.exitCode = 1;
  } finally {
    await db.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
