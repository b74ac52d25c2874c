#!/usr/bin/env node
// Benchmark of the points economy on a durable MariaDB holding a seeded club: purchase recording
// (POST /purchases by a manager, distinct order numbers, random members) and redemption
// (POST /rewards/{id}/redemptions, distinct Idempotency-Keys, many members, a big-stock reward),
// driven by autocannon against the built server running as its own process on loopback. Beside
// them, in the same run, the machine's ceiling: the raw earn transaction (ledger insert + balance
// update) through mysql2, pool of 16, same concurrency, no HTTP. Rounds interleave the three so
// the machine's drift hits all alike; the median of the rounds is reported.
//
//   node bench/points.bench.mjs [--members=300000] [--rounds=3] [--duration=10] [--connections=32]
//   node bench/points.bench.mjs --smoke      (2,000 members, 1 round of 3 s: for CI)
//
// Exits non-zero when any request failed, a figure is missing, or a balance is off its ledger.
import autocannon from 'autocannon';
import { startMariadb } from './lib/mariadb.mjs';
import { api, loginManager, startServer } from './lib/server.mjs';
import { connectionOptions, cpuMsOf, intArg, mysql, parseArgs, secs, sleep } from './lib/util.mjs';
import { balancesOffLedger, DEFAULT_MEMBERS, seedClub, seededPhone } from './seed-club.mjs';
import { loadAverage, median } from './lib/figures.mjs';

const args = parseArgs();
const smoke = args.smoke === true;
const MEMBERS = intArg(args, 'members', smoke ? 2_000 : DEFAULT_MEMBERS);
const ROUNDS = intArg(args, 'rounds', smoke ? 1 : 3);
const DURATION_S = intArg(args, 'duration', smoke ? 3 : 10);
const CONNECTIONS = intArg(args, 'connections', 32);
const CEILING_POOL = 16;
const REDEEMERS = Math.min(intArg(args, 'redeemers', 200), MEMBERS);

const log = (line) => console.log(line);
const randomMember = () => 1 + Math.floor(Math.random() * MEMBERS);

/**
 * CPU (ms) spent per completed request by the API server (or, for the ceiling, the bench process
 * running the transactions) and by MariaDB, around `run`: unlike requests per second, what a request
 * costs in CPU barely moves with the machine's load. NaN for a process it cannot see.
 */
async function withCpu(pids, run) {
  const before = pids.map((pid) => (pid === 'self' ? selfCpuMs() : cpuMsOf(pid)));
  const figures = await run();
  const after = pids.map((pid) => (pid === 'self' ? selfCpuMs() : cpuMsOf(pid)));
  const [app, db] = after.map((a, i) => (a - before[i]) / Math.max(1, figures.ok));
  return { ...figures, appCpu: app, dbCpu: db };
}
const selfCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs autocannon for the round's duration; the figures of one scenario. */
async function drive(baseUrl, path, nextRequest) {
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      { method: 'POST', path: `/api/v1${path}`, setupRequest: (req) => ({ ...req, ...nextRequest() }) },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    // Which statuses came back: a failed scenario says what the server answered.
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]),
    ),
  };
}

/** The ceiling: the raw earn transaction on a mysql2 pool, CONNECTIONS workers for the round. */
async function ceiling(pool, round) {
  const latencies = [];
  let errors = 0;
  let n = 0;
  const end = Date.now() + DURATION_S * 1000;
  const worker = async (w) => {
    while (Date.now() < end) {
      const memberId = randomMember();
      const points = 100 + Math.floor(Math.random() * 5000);
      const t = process.hrtime.bigint();
      let done = false;
      for (let attempt = 1; !done; attempt++) {
        const conn = await pool.getConnection();
        try {
          // As the API does it: the balance row first (its lock orders concurrent earns), then the
          // ledger row with the balance read back.
          await conn.beginTransaction();
          await conn.query('UPDATE members SET points = points + ? WHERE id = ?', [points, memberId]);
          const [rows] = await conn.query('SELECT points FROM members WHERE id = ?', [memberId]);
          await conn.query(
            "INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at) VALUES (?, ?, 'adjust', ?, ?, NOW(3))",
            [memberId, points, rows[0].points, `ceiling:${round}:${w}:${n++}`],
          );
          await conn.commit();
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          done = true;
        } catch (err) {
          await conn.rollback().catch(() => {});
          // A deadlock victim is retried, as the API retries it; anything else is a failure.
          if (err.code === 'ER_LOCK_DEADLOCK' && attempt < 4) continue;
          errors++;
          done = true;
          if (errors === 1) console.error('ceiling transaction failed:', err.message);
        } finally {
          conn.release();
        }
      }
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
  const elapsed = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN;
  return {
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    ok: latencies.length,
    non2xx: 0,
    errors,
  };
}

/** Platform users who join with seeded members' phones: the sandbox binds them to those members. */
async function memberTokens(baseUrl, count) {
  const tokens = [];
  const step = Math.max(1, Math.floor(MEMBERS / count));
  const ids = Array.from({ length: count }, (_, k) => 1 + k * step);
  for (let k = 0; k < ids.length; k += 8) {
    const batch = await Promise.all(
      ids.slice(k, k + 8).map(async (id) => {
        const visitor = await api(baseUrl, 'POST', '/auth/wechat', {
          body: { code: `sandbox:bench-${id}-${Date.now()}` },
        });
        const joined = await api(baseUrl, 'POST', '/members', {
          token: visitor.body.accessToken,
          body: {
            name: `会员${id}`,
            gender: 'female',
            birthday: '05-17',
            phoneCode: `sandbox:${seededPhone(id)}`,
            consent: { marketing: false },
          },
        });
        return joined.body.accessToken;
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

async function main() {
  const started = Date.now();
  log(
    `points benchmark: ${MEMBERS} members, ${ROUNDS} round(s) of ${DURATION_S} s per scenario, ${CONNECTIONS} connections${smoke ? ' (smoke)' : ''}`,
  );
  const db = await startMariadb(
    smoke ? { bufferPoolMb: 256, logFileMb: 96 } : { bufferPoolMb: 2048, logFileMb: 512 },
  );
  let server;
  let pool;
  const failures = [];
  try {
    const { dbUrl, figures } = await seedClub(db.url, { members: MEMBERS, log });
    log(
      `seeded ${figures.members} members, ${figures.purchases} purchases in ${secs(figures.insertMs + figures.migrateMs)} s ` +
        `(rows ${secs(figures.insertMs)} s)`,
    );
    server = await startServer(dbUrl);
    const managerToken = await loginManager(server.baseUrl);
    const now = Date.now();
    const reward = await api(server.baseUrl, 'POST', '/rewards', {
      token: managerToken,
      body: {
        name: '基准测试礼品',
        description: 'A big-stock gift for the benchmark',
        kind: 'gift',
        pointsCost: 1,
        stock: 1_000_000,
        perMemberLimit: 1000,
        tiers: [],
        availableFrom: new Date(now - 3_600_000).toISOString(),
        availableTo: new Date(now + 86_400_000).toISOString(),
      },
    });
    const rewardId = reward.body.id;
    const tokens = await memberTokens(server.baseUrl, REDEEMERS);
    log(`server up (pid ${server.pid}); ${tokens.length} members logged in to redeem reward ${rewardId}`);

    const [storesRow] = await (async () => {
      const conn = await mysql.createConnection(connectionOptions(dbUrl));
      try {
        return await conn.query('SELECT COUNT(*) AS n FROM stores');
      } finally {
        await conn.end();
      }
    })();
    const stores = Number(storesRow[0].n);
    let order = 0;
    const runTag = Date.now().toString(36);
    const purchase = () => ({
      headers: { 'content-type': 'application/json', authorization: `Bearer ${managerToken}` },
      body: JSON.stringify({
        storeId: String(1 + Math.floor(Math.random() * stores)),
        orderNo: `bench-${runTag}-${++order}`,
        amount: 10_000 + Math.floor(Math.random() * 500_000),
        occurredAt: new Date().toISOString(),
        memberId: String(randomMember()),
      }),
    });
    let key = 0;
    const redemption = () => ({
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}`,
        'idempotency-key': `bench-${runTag}-${++key}`,
      },
      body: JSON.stringify({ quantity: 1 }),
    });

    pool = mysql.createPool({ ...connectionOptions(dbUrl), connectionLimit: CEILING_POOL, timezone: 'Z' });
    if (!smoke) {
      // Warm-up: JIT, connection pools and the buffer pool, not measured.
      await drive(server.baseUrl, '/purchases', purchase);
    }
    const rounds = { purchases: [], redemptions: [], ceiling: [] };
    const serverPids = [server.pid, db.pid];
    for (let r = 1; r <= ROUNDS; r++) {
      rounds.purchases.push(await withCpu(serverPids, () => drive(server.baseUrl, '/purchases', purchase)));
      rounds.redemptions.push(
        await withCpu(serverPids, () =>
          drive(server.baseUrl, `/rewards/${rewardId}/redemptions`, redemption),
        ),
      );
      rounds.ceiling.push(await withCpu(['self', db.pid], () => ceiling(pool, r)));
      log(
        `round ${r}: purchases ${rounds.purchases.at(-1).rps.toFixed(0)} r/s, redemptions ${rounds.redemptions.at(-1).rps.toFixed(0)} r/s, ` +
          `ceiling ${rounds.ceiling.at(-1).rps.toFixed(0)} tx/s`,
      );
      await sleep(500);
    }

    const summary = Object.fromEntries(
      Object.entries(rounds).map(([name, rs]) => [
        name,
        {
          rps: median(rs.map((x) => x.rps)),
          p50: median(rs.map((x) => x.p50)),
          p99: median(rs.map((x) => x.p99)),
          ok: rs.reduce((s, x) => s + x.ok, 0),
          failed: rs.reduce((s, x) => s + x.non2xx + x.errors, 0),
          appCpu: median(rs.map((x) => x.appCpu)),
          dbCpu: median(rs.map((x) => x.dbCpu)),
        },
      ]),
    );
    const ceil = summary.ceiling.rps;
    const row = (label, s, ratio) =>
      `| ${label.padEnd(38)} | ${s.rps.toFixed(0).padStart(7)} | ${s.p50.toFixed(1).padStart(7)} | ${s.p99.toFixed(1).padStart(7)} | ` +
      `${String(s.ok).padStart(8)} | ${String(s.failed).padStart(6)} | ${ratio.padStart(13)} | ` +
      `${s.appCpu.toFixed(2).padStart(11)} | ${s.dbCpu.toFixed(2).padStart(10)} |`;
    log('');
    log(
      `Median of ${ROUNDS} round(s), ${DURATION_S} s each, ${CONNECTIONS} concurrent; ${MEMBERS} members; durable MariaDB; ` +
        `load average ${loadAverage()}`,
    );
    log(
      'CPU ms per request: "app" is the API server process (for the ceiling, the bench process running the ' +
        'transactions), "db" is MariaDB.',
    );
    log(
      `| ${'scenario'.padEnd(38)} | ${'req/s'.padStart(7)} | ${'p50 ms'.padStart(7)} | ${'p99 ms'.padStart(7)} | ${'2xx'.padStart(8)} | ${'failed'.padStart(6)} | ${'API / ceiling'.padStart(13)} | ${'app CPU ms'.padStart(11)} | ${'db CPU ms'.padStart(10)} |`,
    );
    log(
      `|${'-'.repeat(40)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(10)}|${'-'.repeat(8)}|${'-'.repeat(15)}|${'-'.repeat(13)}|${'-'.repeat(12)}|`,
    );
    log(
      row(
        'POST /purchases (HTTP)',
        summary.purchases,
        `${((summary.purchases.rps / ceil) * 100).toFixed(0)} %`,
      ),
    );
    log(
      row(
        'POST /rewards/{id}/redemptions (HTTP)',
        summary.redemptions,
        `${((summary.redemptions.rps / ceil) * 100).toFixed(0)} %`,
      ),
    );
    log(row(`ceiling: raw earn tx, mysql2 pool ${CEILING_POOL}`, summary.ceiling, '100 %'));

    for (const [name, s] of Object.entries(summary)) {
      if (s.failed > 0)
        failures.push(
          `${name}: ${s.failed} requests failed (statuses ${JSON.stringify(rounds[name].map((x) => x.statuses ?? {}))})`,
        );
      if (!(s.rps > 0) || !Number.isFinite(s.p50) || !Number.isFinite(s.p99))
        failures.push(`${name}: figures missing`);
    }
    if (failures.length > 0) console.error(`server log (tail):\n${server.output().slice(-4000)}`);
    const off = await balancesOffLedger(dbUrl);
    log(`\nmembers whose balance is not the sum of their ledger after the run: ${off}`);
    if (off !== 0) failures.push(`${off} balances off their ledger`);
    const [stock] = await pool.query('SELECT stock_left FROM rewards WHERE id = ?', [rewardId]);
    const [held] = await pool.query(
      "SELECT COALESCE(SUM(quantity), 0) AS n FROM redemptions WHERE reward_id = ? AND status IN ('awaiting_pickup', 'fulfilled')",
      [rewardId],
    );
    const stockLeft = Number(stock[0].stock_left);
    log(`reward stock: 1000000 - ${held[0].n} redeemed = ${stockLeft} left`);
    if (stockLeft !== 1_000_000 - Number(held[0].n) || stockLeft < 0)
      failures.push('reward stock does not add up');
  } catch (err) {
    failures.push(err instanceof Error ? err.message : String(err));
    if (server) console.error(server.output().slice(-3000));
  } finally {
    await pool?.end();
    await server?.stop();
    await db.stop();
  }
  log(`\ntotal ${secs(Date.now() - started)} s`);
  if (failures.length > 0) {
    console.error(`\nBENCHMARK FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
