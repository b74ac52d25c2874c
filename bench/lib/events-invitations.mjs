// Members rush an event once its invitation has reached them: the bench waits for the publication's
// fan-out (the invitations queued for every eligible member, the event's invited_count) and for the
// outbox to deliver them, so the rush is not measured against the server still sending 300,000
// messages in the background.
import { sleep } from './util.mjs';

/**
 * Waits until `audience` members of event `eventId` are invited and the outbox has nothing left to
 * deliver. Answers `{invited, ms}`; throws after `timeoutMs`.
 */
export async function waitForInvitations(pool, eventId, { audience, timeoutMs }) {
  const t0 = Date.now();
  for (;;) {
    const [[event]] = await pool.query('SELECT invited_count FROM events WHERE id = ?', [eventId]);
    const invited = Number(event.invited_count);
    if (invited >= audience) {
      const [[left]] = await pool.query(
        "SELECT COUNT(*) AS n FROM message_outbox WHERE status IN ('pending', 'sending')",
      );
      if (Number(left.n) === 0) return { invited, ms: Date.now() - t0 };
    }
    if (Date.now() - t0 > timeoutMs)
      throw new Error(
        `the invitations to ${audience} members were not out after ${timeoutMs / 1000} s (${invited} invited)`,
      );
    await sleep(500);
  }
}

/**
 * Marks event `eventId`'s invitations as sent (a finished fan-out that invited nobody), so the
 * server's fan-out worker, which picks up every published event without one, leaves it alone. For
 * the events the bench does not measure invitations on: a round's event after the first, and the
 * ceiling's copies. `conn` may be inside the transaction that publishes the event.
 */
export async function markInvitationsSent(conn, eventId) {
  await conn.query(
    "INSERT INTO event_fanouts (event_id, status, cursor_member_id, invited, created_at, finished_at) VALUES (?, 'done', NULL, 0, NOW(3), NOW(3))",
    [eventId],
  );
}
