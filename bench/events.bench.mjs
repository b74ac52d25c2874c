#!/usr/bin/env node
// Benchmark of the event registration rush on a durable MariaDB holding a seeded club: a manager
// creates an event through the API (capacity 2,000 seats, one guest allowed, a small points cost,
// every member invited) and publishes it; once the invitations are out, N distinct members (default
// 20,000, about 1 in 5 with a guest) register as fast as the built server, running as its own process
// on loopback, takes them at C connections (autocannon). Beside it, in the same run, the ceiling: the
// same rush as raw transactions through mysql2 (the conditional update of the seat counter and the
// registration row, the points debit first), same concurrency, no HTTP. Each round rushes fresh
// events (the club's invitations go out for the first round's, and are timed); the median of the
// rounds is reported.
//
//   node bench/events.bench.mjs [--members=300000] [--rush=20000] [--capacity=2000] [--rounds=3]
//                               [--connections=32] [--points-cost=20]
//   node bench/events.bench.mjs --smoke      (2,000 members, a rush of 600 for 150 seats: for CI)
//
// Exits non-zero when a request failed, a figure is missing, the confirmed seats are not exactly the
// capacity (or disagree with the seat counter, or with what the rushers were told), a member is in
// twice, or a balance is off its ledger.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { bindIdentities, memberTokenSigner } from './lib/events-auth.mjs';
import { copyEventForCeiling, ceilingRush } from './lib/events-ceiling.mjs';
import { registrationLedger, rushFacts, rushProblems } from './lib/events-checks.mjs';
import { markInvitationsSent, waitForInvitations } from './lib/events-invitations.mjs';
import { startMariadb } from './lib/mariadb.mjs';
import { api, loginManager, startServer } from './lib/server.mjs';
import { connectionOptions, intArg, mysql, parseArgs, secs, sleep } from './lib/util.mjs';
import { balancesOffLedger, DEFAULT_MEMBERS, seedClub } from './seed-club.mjs';
import { loadAverage as load, median } from './lib/figures.mjs';

const args = parseArgs();
const smoke = args.smoke === true;
const MEMBERS = intArg(args, 'members', smoke ? 2_000 : DEFAULT_MEMBERS);
const RUSH = intArg(args, 'rush', smoke ? 600 : 20_000);
const CAPACITY = intArg(args, 'capacity', smoke ? 150 : 2_000);
const ROUNDS = intArg(args, 'rounds', smoke ? 1 : 3);
const CONNECTIONS = intArg(args, 'connections', 32);
const POINTS_COST = args['points-cost'] === '0' ? 0 : intArg(args, 'points-cost', 20);
/** The server's own pool (server/src/database/data-source.ts): the ceiling gets no more connections. */
const CEILING_POOL = 10;
const GUESTS_ALLOWED = 1;
const DAY_MS = 86_400_000;

const log = (line) => console.log(line);

/** Every 5th member brings a guest. */
const guestsOf = (k) => (k % 5 === 0 ? GUESTS_ALLOWED : 0);

/**
 * Members who can pay every round's registration: the HTTP rushers (plus a few spare, since
 * autocannon prepares one request more per connection than it sends) and, apart from them, the
 * ceiling's. Spread over the whole club, in a fixed shuffled order.
 */
async function pickRushers(pool) {
  const [rows] = await pool.query('SELECT id FROM members WHERE points >= ? ORDER BY id', [
    ROUNDS * POINTS_COST,
  ]);
  const ids = rows.map((r) => Number(r.id));
  let s = 0x9e3779b9;
  const rand = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const spare = 4 * CONNECTIONS;
  if (ids.length < 2 * RUSH + spare)
    throw new Error(
      `only ${ids.length} members have ${ROUNDS * POINTS_COST} points; the rush needs ${2 * RUSH + spare}`,
    );
  return { http: ids.slice(0, RUSH + spare), ceiling: ids.slice(RUSH + spare, 2 * RUSH + spare) };
}

function eventBody(title) {
  const now = Date.now();
  return {
    title,
    kind: 'banquet',
    description: '基准测试：两千席位的感恩晚宴，全体会员受邀。',
    venue: '上海南京西路旗舰店',
    storeId: null,
    startsAt: new Date(now + 7 * DAY_MS).toISOString(),
    endsAt: new Date(now + 7 * DAY_MS + 3 * 3_600_000).toISOString(),
    capacity: CAPACITY,
    pointsCost: POINTS_COST,
    guestsAllowed: GUESTS_ALLOWED,
    eligibility: {},
    registration: {
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 6 * DAY_MS).toISOString(),
    },
  };
}

/** The HTTP rush: each of `RUSH` members registers once, at `CONNECTIONS` connections. */
async function httpRush(baseUrl, eventId, rushers, tokenOf) {
  const answered = { confirmed: 0, waitlisted: 0 };
  const unexpected = [];
  let next = 0;
  const tag = randomBytes(4).toString('hex');
  const t0 = process.hrtime.bigint();
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    amount: RUSH,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/events/${eventId}/registrations`,
        setupRequest: (req) => {
          const k = next++;
          if (k >= rushers.length) throw new Error('more requests prepared than members to send them');
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokenOf(rushers[k])}`,
              'idempotency-key': `rush-${tag}-${k}`,
            },
            body: JSON.stringify({ guests: guestsOf(k) }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) {
            const state = JSON.parse(body).status;
            if (state in answered) answered[state]++;
            else if (unexpected.length < 5) unexpected.push(`201 ${body.slice(0, 200)}`);
          } else if (unexpected.length < 5) unexpected.push(`${status} ${String(body).slice(0, 300)}`);
        },
      },
    ],
  });
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  const attempts = result.requests.total;
  return {
    attemptsPerS: attempts / elapsedS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    attempts,
    answered,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]),
    ),
    unexpected,
  };
}

async function main() {
  const started = Date.now();
  log(
    `events rush benchmark: ${MEMBERS} members, rush of ${RUSH} for ${CAPACITY} seats (${GUESTS_ALLOWED} guest allowed, ` +
      `${POINTS_COST} points), ${ROUNDS} round(s), ${CONNECTIONS} connections${smoke ? ' (smoke)' : ''}; load average ${load()}`,
  );
  const db = await startMariadb(
    smoke ? { bufferPoolMb: 256, logFileMb: 96 } : { bufferPoolMb: 2048, logFileMb: 512 },
  );
  const jwtSecret = randomBytes(32).toString('hex');
  let server;
  let pool;
  const failures = [];
  try {
    const { dbUrl, figures } = await seedClub(db.url, { members: MEMBERS, log });
    log(
      `seeded ${figures.members} members, ${figures.purchases} purchases in ${secs(figures.insertMs + figures.migrateMs)} s`,
    );
    pool = mysql.createPool({ ...connectionOptions(dbUrl), connectionLimit: CEILING_POOL, timezone: 'Z' });
    const rushers = await pickRushers(pool);
    const identities = await bindIdentities(pool, rushers.http, 'rush');
    const sign = memberTokenSigner(jwtSecret);

    server = await startServer(dbUrl, { jwtSecret });
    // Logged in again each round: a round at 300,000 members outlasts an access token's 15 minutes.
    let managerToken = await loginManager(server.baseUrl);
    // The server takes the bench's tokens: a member reads their own record with one.
    await api(server.baseUrl, 'GET', '/me', {
      token: sign(rushers.http[0], identities.get(rushers.http[0])),
      expect: [200],
    });
    log(
      `server up (pid ${server.pid}); ${rushers.http.length} + ${rushers.ceiling.length} members ready to rush`,
    );

    const rounds = { http: [], ceiling: [] };
    const invitations = {};
    for (let r = 1; r <= ROUNDS; r++) {
      if (r > 1) managerToken = await loginManager(server.baseUrl);
      const created = await api(server.baseUrl, 'POST', '/events', {
        token: managerToken,
        body: eventBody(`抢位基准 第${r}轮`),
        expect: [201],
      });
      const eventId = created.body.id;
      if (r === 1) {
        const audience = (
          await api(server.baseUrl, 'GET', `/events/${eventId}/audience`, {
            token: managerToken,
            expect: [200],
          })
        ).body.count;
        const tPublish = Date.now();
        await api(server.baseUrl, 'POST', `/events/${eventId}/publication`, {
          token: managerToken,
          expect: [200],
        });
        invitations.publishMs = Date.now() - tPublish;
        // Members register once their invitation has arrived: the rush does not share the machine
        // with the fan-out to the whole club, which is timed on its own.
        Object.assign(
          invitations,
          await waitForInvitations(pool, eventId, { audience, timeoutMs: smoke ? 120_000 : 1_800_000 }),
        );
        log(
          `round ${r}: event ${eventId} published in ${invitations.publishMs} ms; ` +
            `${invitations.invited} invitations queued and delivered in ${secs(invitations.ms)} s`,
        );
      } else {
        // The whole club was invited to the first round's event; inviting it again each round would
        // cost the machine minutes per round and tell nothing new about the rush.
        await markInvitationsSent(pool, eventId);
        await api(server.baseUrl, 'POST', `/events/${eventId}/publication`, {
          token: managerToken,
          expect: [200],
        });
      }

      // Signed as each request goes out (microseconds each), so no token outlives its 15 minutes
      // however slow the rush.
      const http = await httpRush(server.baseUrl, eventId, rushers.http, (id) =>
        sign(id, identities.get(id)),
      );
      const httpFacts = await rushFacts(pool, eventId);
      failures.push(
        ...rushProblems(`round ${r} HTTP`, httpFacts, {
          answered: http.answered,
          pointsCost: POINTS_COST,
          ledger: await registrationLedger(pool, eventId),
        }),
      );
      if (httpFacts.registrations !== http.attempts)
        failures.push(
          `round ${r} HTTP: ${http.attempts} attempts but ${httpFacts.registrations} registrations`,
        );
      rounds.http.push({ ...http, facts: httpFacts });

      const ceilingEventId = await copyEventForCeiling(pool, eventId, `抢位基准 第${r}轮 (ceiling)`);
      const ceiling = await ceilingRush(pool, {
        eventId: ceilingEventId,
        attempts: rushers.ceiling.map((memberId, k) => ({ memberId, guests: guestsOf(k) })),
        workers: CONNECTIONS,
        pointsCost: POINTS_COST,
        tag: `${r}`,
      });
      const ceilingFacts = await rushFacts(pool, ceilingEventId);
      failures.push(
        ...rushProblems(`round ${r} ceiling`, ceilingFacts, {
          answered: ceiling.answered,
          pointsCost: POINTS_COST,
        }),
      );
      if (ceiling.firstError) failures.push(`round ${r} ceiling: ${ceiling.firstError}`);
      rounds.ceiling.push({ ...ceiling, facts: ceilingFacts });
      log(
        `round ${r}: HTTP ${http.attemptsPerS.toFixed(0)} attempts/s (p99 ${http.p99} ms, full after ${httpFacts.fullAfterS.toFixed(1)} s), ` +
          `ceiling ${ceiling.attemptsPerS.toFixed(0)} tx/s (p99 ${ceiling.p99.toFixed(1)} ms); load average ${load()}`,
      );
      await sleep(500);
    }

    const summary = Object.fromEntries(
      Object.entries(rounds).map(([name, rs]) => [
        name,
        {
          attemptsPerS: median(rs.map((x) => x.attemptsPerS)),
          p50: median(rs.map((x) => x.p50)),
          p99: median(rs.map((x) => x.p99)),
          attempts: median(rs.map((x) => x.attempts)),
          confirmedSeats: median(rs.map((x) => x.facts.confirmedSeats)),
          confirmed: median(rs.map((x) => x.facts.confirmed)),
          waitlisted: median(rs.map((x) => x.facts.waitlisted)),
          fullAfterS: median(rs.map((x) => x.facts.fullAfterS)),
          failed: rs.reduce((s, x) => s + x.failed, 0),
        },
      ]),
    );
    const ceil = summary.ceiling.attemptsPerS;
    const cells = [
      ['scenario', 46, (l) => l],
      ['attempts/s', 10, (_, s) => s.attemptsPerS.toFixed(0)],
      ['p50 ms', 7, (_, s) => s.p50.toFixed(1)],
      ['p99 ms', 7, (_, s) => s.p99.toFixed(1)],
      ['attempts', 8, (_, s) => String(s.attempts)],
      ['seats', 6, (_, s) => String(s.confirmedSeats)],
      ['confirmed', 9, (_, s) => String(s.confirmed)],
      ['waitlisted', 10, (_, s) => String(s.waitlisted)],
      ['full after s', 12, (_, s) => s.fullAfterS.toFixed(1)],
      ['failed', 6, (_, s) => String(s.failed)],
      ['API / ceiling', 13, (_, s, ratio) => ratio],
    ];
    // The scenario reads left to right, the figures line up on the right.
    const line = (values) =>
      `| ${values.map((v, i) => (i === 0 ? v.padEnd(cells[i][1]) : v.padStart(cells[i][1]))).join(' | ')} |`;
    const row = (label, s, ratio) => line(cells.map(([, , f]) => f(label, s, ratio)));
    log('');
    log(
      `Median of ${ROUNDS} round(s); ${RUSH} distinct members rush ${CAPACITY} seats at ${CONNECTIONS} concurrent; ` +
        `${MEMBERS} members; durable MariaDB; load average ${load()}`,
    );
    log(line(cells.map(([h]) => h)));
    log(`|${cells.map(([, w]) => '-'.repeat(w + 2)).join('|')}|`);
    log(
      row(
        'POST /events/{id}/registrations (HTTP)',
        summary.http,
        `${((summary.http.attemptsPerS / ceil) * 100).toFixed(0)} %`,
      ),
    );
    log(row(`ceiling: raw seat tx, mysql2 pool ${CEILING_POOL}`, summary.ceiling, '100 %'));
    log(
      `invitations (round 1): publication answered in ${invitations.publishMs} ms; ` +
        `${invitations.invited} members invited, every message queued and delivered ${secs(invitations.ms)} s later`,
    );

    for (const [name, s] of Object.entries(summary)) {
      if (s.failed > 0)
        failures.push(
          `${name}: ${s.failed} attempts failed (statuses ${JSON.stringify(rounds[name].map((x) => x.statuses))}; ` +
            `${rounds[name].flatMap((x) => x.unexpected ?? []).join(' / ')})`,
        );
      if (!(s.attemptsPerS > 0) || !Number.isFinite(s.p50) || !Number.isFinite(s.p99))
        failures.push(`${name}: figures missing`);
    }
    if (failures.length > 0) console.error(`server log (tail):\n${server.output().slice(-4000)}`);
    const off = await balancesOffLedger(dbUrl);
    log(`members whose balance is not the sum of their ledger after the run: ${off}`);
    if (off !== 0) failures.push(`${off} balances off their ledger`);
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
