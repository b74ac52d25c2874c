// The ceiling of the registration rush: what the machine does with the seat counter and nothing
// else. Each attempt is one transaction through mysql2 (no HTTP, no framework): the points debit
// when the event costs points (balance, ledger row, lot), then the conditional update of the seat
// counter and the registration row, confirmed when the update took the seats and waitlisted when it
// did not. The points work goes before the counter, so the event row is held (from its update to the
// commit) for one INSERT only: the best order there is.
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { markInvitationsSent } from './events-invitations.mjs';
import { ROOT } from './util.mjs';

const { PICKUP_CODE_ALPHABET, TICKET_CODE_LENGTH } = createRequire(join(ROOT, 'server', 'package.json'))(
  '@vip-club/shared',
);

export const ticketCode = () =>
  Array.from(
    { length: TICKET_CODE_LENGTH },
    () => PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)],
  ).join('');

/** Columns a registration row needs that the ceiling does not fill: none, or the ceiling is stale. */
async function checkRegistrationColumns(pool) {
  const [rows] = await pool.query(
    'SELECT column_name AS name, is_nullable AS nullable, column_default AS dflt, extra FROM information_schema.columns ' +
      "WHERE table_schema = DATABASE() AND table_name = 'event_registrations'",
  );
  if (rows.length === 0)
    throw new Error('event_registrations is missing: the server has no registrations yet');
  const filled = new Set([
    'id',
    'event_id',
    'member_id',
    'live_member_id',
    'status',
    'seats',
    'guests',
    'ticket_code',
    'points_spent',
    'balance_after',
    'created_at',
    'confirmed_at',
  ]);
  const unfilled = rows.filter(
    (c) => !filled.has(c.name) && c.nullable === 'NO' && c.dflt === null && !/auto_increment/i.test(c.extra),
  );
  if (unfilled.length > 0)
    throw new Error(
      `event_registrations has required columns the ceiling does not fill: ${unfilled.map((c) => c.name).join(', ')}`,
    );
}

/**
 * A published copy of event `fromId` with no seat taken, for the ceiling's round. It gets no
 * invitations: its fan-out is marked finished in the transaction that inserts it, or the server
 * would send 300,000 messages during the ceiling's rush. Answers its id.
 */
export async function copyEventForCeiling(pool, fromId, title) {
  await checkRegistrationColumns(pool);
  const [cols] = await pool.query(
    'SELECT column_name AS name FROM information_schema.columns ' +
      "WHERE table_schema = DATABASE() AND table_name = 'events' AND column_name <> 'id' ORDER BY ordinal_position",
  );
  const reset = {
    title: '?',
    confirmed_seats: '0',
    checked_in_seats: '0',
    invited_count: '0',
    status: "'published'",
  };
  const names = cols.map((c) => c.name);
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const [res] = await conn.query(
      `INSERT INTO events (${names.map((n) => `\`${n}\``).join(', ')}) ` +
        `SELECT ${names.map((n) => reset[n] ?? `\`${n}\``).join(', ')} FROM events WHERE id = ?`,
      [title, fromId],
    );
    await markInvitationsSent(conn, res.insertId);
    await conn.commit();
    return String(res.insertId);
  } catch (err) {
    await conn.rollback().catch(() => {});
    throw err;
  } finally {
    conn.release();
  }
}

/**
 * The rush on the ceiling: `attempts` (`[{memberId, guests}]`, each member once) spread over
 * `workers` concurrent workers on `pool`. Answers the figures and the answers per status.
 */
export async function ceilingRush(pool, { eventId, attempts, workers, pointsCost, tag }) {
  const latencies = [];
  const answered = { confirmed: 0, waitlisted: 0 };
  let errors = 0;
  let firstError = null;
  let next = 0;
  const attempt = async ({ memberId, guests }) => {
    const seats = 1 + guests;
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      let balanceAfter;
      if (pointsCost > 0) {
        const [debit] = await conn.query(
          'UPDATE members SET points = points - ? WHERE id = ? AND points >= ?',
          [pointsCost, memberId, pointsCost],
        );
        if (debit.affectedRows !== 1) throw new Error(`member ${memberId} cannot pay ${pointsCost} points`);
        [[{ points: balanceAfter }]] = await conn.query('SELECT points FROM members WHERE id = ?', [
          memberId,
        ]);
        await conn.query(
          "INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at) VALUES (?, ?, 'redeem', ?, ?, NOW(3))",
          [memberId, -pointsCost, balanceAfter, `event-registration-ceiling:${tag}:${memberId}`],
        );
        await conn.query(
          'UPDATE points_lots SET remaining = remaining - ? WHERE member_id = ? AND remaining >= ? ' +
            'AND available_at <= NOW(3) ORDER BY expires_at LIMIT 1',
          [pointsCost, memberId, pointsCost],
        );
      } else {
        [[{ points: balanceAfter }]] = await conn.query('SELECT points FROM members WHERE id = ?', [
          memberId,
        ]);
      }
      const [seated] = await conn.query(
        "UPDATE events SET confirmed_seats = confirmed_seats + ? WHERE id = ? AND status = 'published' AND confirmed_seats + ? <= capacity",
        [seats, eventId, seats],
      );
      const confirmed = seated.affectedRows === 1;
      await conn.query(
        'INSERT INTO event_registrations (event_id, member_id, live_member_id, status, seats, guests, ticket_code, points_spent, balance_after, created_at, confirmed_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), ?)',
        [
          eventId,
          memberId,
          memberId,
          confirmed ? 'confirmed' : 'waitlisted',
          seats,
          guests,
          ticketCode(),
          pointsCost,
          balanceAfter,
          confirmed ? new Date() : null,
        ],
      );
      await conn.commit();
      return confirmed ? 'confirmed' : 'waitlisted';
    } catch (err) {
      await conn.rollback().catch(() => {});
      throw err;
    } finally {
      conn.release();
    }
  };
  const worker = async () => {
    while (next < attempts.length) {
      const a = attempts[next++];
      const t = process.hrtime.bigint();
      for (let retry = 1; ; retry++) {
        try {
          answered[await attempt(a)]++;
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          break;
        } catch (err) {
          // A deadlock victim or a ticket-code clash is tried again, as the API would; else a failure.
          if ((err.code === 'ER_LOCK_DEADLOCK' || err.code === 'ER_DUP_ENTRY') && retry < 4) continue;
          errors++;
          firstError ??= err.message;
          break;
        }
      }
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN;
  return {
    attemptsPerS: (latencies.length + errors) / elapsedS,
    p50: at(0.5),
    p99: at(0.99),
    attempts: latencies.length + errors,
    answered,
    failed: errors,
    firstError,
    statuses: {},
  };
}
