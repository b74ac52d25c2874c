// What must hold after a registration rush, read from the database: the room is exactly full (never
// over), the seat counter agrees with the confirmed registrations, no member is in twice, every
// answer the rushers got is a row, and every registration paid its points (once, in the ledger).

/** The facts of event `eventId` after its rush. */
export async function rushFacts(pool, eventId) {
  const [[event]] = await pool.query('SELECT capacity, confirmed_seats FROM events WHERE id = ?', [eventId]);
  const [byStatus] = await pool.query(
    'SELECT status, COUNT(*) AS n, COALESCE(SUM(seats), 0) AS seats, COALESCE(SUM(points_spent), 0) AS points ' +
      'FROM event_registrations WHERE event_id = ? GROUP BY status',
    [eventId],
  );
  const [[twice]] = await pool.query(
    'SELECT COUNT(*) AS n FROM (SELECT member_id FROM event_registrations WHERE event_id = ? ' +
      'GROUP BY member_id HAVING COUNT(*) > 1) t',
    [eventId],
  );
  // When the last seat went, counted from the first registration: how long the room lasted.
  const [[span]] = await pool.query(
    "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(CASE WHEN status = 'confirmed' THEN created_at END)) AS us " +
      'FROM event_registrations WHERE event_id = ?',
    [eventId],
  );
  const count = (status, field = 'n') => Number(byStatus.find((r) => r.status === status)?.[field] ?? 0);
  return {
    capacity: Number(event.capacity),
    counter: Number(event.confirmed_seats),
    confirmed: count('confirmed'),
    confirmedSeats: count('confirmed', 'seats'),
    waitlisted: count('waitlisted'),
    registrations: byStatus.reduce((s, r) => s + Number(r.n), 0),
    pointsSpent: byStatus.reduce((s, r) => s + Number(r.points), 0),
    membersTwice: Number(twice.n),
    fullAfterS: Number(span.us) / 1e6,
  };
}

/**
 * Ledger entries of the API's registrations of `eventId` (kind redeem, ref `event-registration:`
 * and the ticket code: the points are spent before the row, and its id, exist).
 */
export async function registrationLedger(pool, eventId) {
  const [[row]] = await pool.query(
    'SELECT COUNT(*) AS n, COALESCE(-SUM(l.delta), 0) AS points FROM event_registrations r JOIN points_ledger l ' +
      "ON l.kind = 'redeem' AND l.ref = CONCAT('event-registration:', r.ticket_code) WHERE r.event_id = ?",
    [eventId],
  );
  return { entries: Number(row.n), points: Number(row.points) };
}

/** What is wrong with a rush (empty when nothing): `answered` is what the rushers were told. */
export function rushProblems(label, facts, { answered, pointsCost, ledger }) {
  const problems = [];
  const say = (what) => problems.push(`${label}: ${what}`);
  if (facts.confirmedSeats !== facts.capacity)
    say(`confirmed seats ${facts.confirmedSeats}, capacity ${facts.capacity} (must be equal)`);
  if (facts.counter !== facts.confirmedSeats)
    say(
      `events.confirmed_seats ${facts.counter} but the confirmed registrations hold ${facts.confirmedSeats}`,
    );
  if (facts.membersTwice !== 0) say(`${facts.membersTwice} members registered twice`);
  if (answered.confirmed !== facts.confirmed || answered.waitlisted !== facts.waitlisted)
    say(
      `told ${answered.confirmed} confirmed and ${answered.waitlisted} waitlisted, ` +
        `the database holds ${facts.confirmed} and ${facts.waitlisted}`,
    );
  if (facts.pointsSpent !== facts.registrations * pointsCost)
    say(`registrations spent ${facts.pointsSpent} points, ${facts.registrations} × ${pointsCost} expected`);
  if (
    ledger &&
    (ledger.entries !== (pointsCost > 0 ? facts.registrations : 0) || ledger.points !== facts.pointsSpent)
  )
    say(
      `ledger has ${ledger.entries} registration entries for ${ledger.points} points (registrations spent ${facts.pointsSpent})`,
    );
  return problems;
}
