import type { DataSource } from 'typeorm';

let contactSeq = 0;

/**
 * A `member_contacts` row as the greetings module logs it, but at a chosen instant (greetings log "now"),
 * written straight to the table; returns its id.
 */
export async function insertContact(
  ds: DataSource,
  staffId: string,
  memberId: string,
  at: number,
  purpose = 'marketing',
): Promise<string> {
  contactSeq += 1;
  const key = `contact-factory-${process.pid}-${contactSeq}`;
  const iso = new Date(at).toISOString();
  await ds.query(
    'INSERT INTO member_contacts (member_id, staff_id, purpose, text, deliveries, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [memberId, staffId, purpose, `问候 ${contactSeq}`, '[]', key, `${iso.slice(0, 10)} ${iso.slice(11, 23)}`],
  );
  const rows = await ds.query('SELECT id FROM member_contacts WHERE idempotency_key = ?', [key]);
  return String(rows[0].id);
}
