import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate, rawQuery } from '../../database/raw-write';

/** Contacts at or after `from` and before `to` (UTC instants), by the staff members `staffIds` when given. */
export interface ContactPeriod {
  from: Date;
  to: Date;
  staffIds?: string[];
}

export interface ClerkRow {
  staffId: string;
  name: string;
  storeId: string | null;
  active: boolean;
  members: number;
}

export interface ContactTotalsRow {
  staffId: string;
  contacts: number;
  membersReached: number;
  followedByVisit: number;
  followedByPurchase: number;
}

export interface ContactRow {
  id: string;
  memberId: string;
  memberNo: string;
  memberName: string;
  purpose: string;
  text: string;
  at: Date;
  purchaseAt: Date | null;
  purchaseAmount: number | null;
  redemptionAt: Date | null;
  checkInAt: Date | null;
}

/** What "followed" a contact: strictly after it and at most this many days later. */
export const FOLLOW_DAYS = 30;

/**
 * The clerk-activity figures, each a set-based statement over the period's contacts (no statement
 * per contact). The "followed" tests are correlated EXISTS over the members' own purchases,
 * fulfilled redemptions and check-ins, each served by an index that starts with `member_id`.
 */
@Injectable()
export class StaffActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every clerk (of the store), with how many members have them as their clerk now. */
  async clerks(
    storeId: string | undefined,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ClerkRow[]> {
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT s.id AS staff_id, s.name AS name, s.store_id AS store_id, s.active AS active,
              (SELECT COUNT(*) FROM members m WHERE m.clerk_id = s.id) AS members
         FROM staff s
        WHERE s.role = 'clerk'${storeId === undefined ? '' : ' AND s.store_id = ?'}`,
      storeId === undefined ? [] : [storeId],
    );
    return rows.map((r) => ({
      staffId: String(r.staff_id),
      name: String(r.name),
      storeId: r.store_id === null ? null : String(r.store_id),
      active: Boolean(Number(r.active)),
      members: Number(r.members),
    }));
  }

  /** Per staff member with contacts in the period: the counts of `ClerkActivity`. */
  async contactTotals(
    period: ContactPeriod,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ContactTotalsRow[]> {
    const window = followWindow(em);
    const purchased = `EXISTS (SELECT 1 FROM purchases p WHERE p.member_id = c.member_id AND ${window('p.occurred_at')})`;
    const redeemed = `EXISTS (SELECT 1 FROM redemptions r WHERE r.member_id = c.member_id AND ${window('r.fulfilled_at')})`;
    const checkedIn = `EXISTS (SELECT 1 FROM event_registrations e WHERE e.member_id = c.member_id AND ${window('e.checked_in_at')})`;
    const { where, params } = periodFilter(period);
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT c.staff_id AS staff_id,
              COUNT(*) AS contacts,
              COUNT(DISTINCT c.member_id) AS reached,
              SUM(CASE WHEN ${purchased} OR ${redeemed} OR ${checkedIn} THEN 1 ELSE 0 END) AS by_visit,
              SUM(CASE WHEN ${purchased} THEN 1 ELSE 0 END) AS by_purchase
         FROM member_contacts c
        WHERE ${where}
        GROUP BY c.staff_id`,
      params,
    );
    return rows.map((r) => ({
      staffId: String(r.staff_id),
      contacts: Number(r.contacts),
      membersReached: Number(r.reached),
      followedByVisit: Number(r.by_visit),
      followedByPurchase: Number(r.by_purchase),
    }));
  }

  /**
   * Per staff member: the net amount (amount less what was refunded) of the purchases that followed
   * any of their contacts in the period, each purchase once per staff member however many contacts
   * it followed.
   */
  async followedSpend(
    period: ContactPeriod,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, number>> {
    const window = followWindow(em);
    const { where, params } = periodFilter(period);
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT f.staff_id AS staff_id, SUM(f.net) AS spend
         FROM (SELECT DISTINCT c.staff_id AS staff_id, p.id AS purchase_id, p.amount - p.refunded_amount AS net
                 FROM member_contacts c
                 JOIN purchases p ON p.member_id = c.member_id AND ${window('p.occurred_at')}
                WHERE ${where}) f
        GROUP BY f.staff_id`,
      params,
    );
    return new Map(rows.map((r) => [String(r.staff_id), Number(r.spend)]));
  }

  /** The staff member's name, or null when there is no such account. */
  async staffName(id: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const rows = await rawQuery<Record<string, unknown>>(em, 'SELECT name FROM staff WHERE id = ?', [id]);
    return rows.length === 0 ? null : String(rows[0]!.name);
  }

  /** Whether `contactId` is one of the staff member's contacts (a page cursor must be). */
  async isContactOf(
    staffId: string,
    contactId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      'SELECT 1 AS found FROM member_contacts WHERE id = ? AND staff_id = ?',
      [contactId, staffId],
    );
    return rows.length > 0;
  }

  /**
   * Up to `limit` of one staff member's contacts in the period, newest first (`at`, then id), after the
   * contact `afterId` when given, each with the first of each kind of thing that followed. The cursor's
   * own `at` is read in the statement (a one-row join on the primary key), so no timestamp makes a round
   * trip through JavaScript and the next page starts exactly after the cursor's row.
   */
  async contactsOf(
    staffId: string,
    period: ContactPeriod,
    page: { afterId?: string; limit: number },
    em: EntityManager = this.dataSource.manager,
  ): Promise<ContactRow[]> {
    const window = followWindow(em);
    const after = page.afterId !== undefined;
    const firstPurchase = `FROM purchases p WHERE p.member_id = c.member_id AND ${window('p.occurred_at')} ORDER BY p.occurred_at, p.id LIMIT 1`;
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT c.id AS id, c.member_id AS member_id, m.member_no AS member_no, m.name AS member_name,
              c.purpose AS purpose, c.text AS text, c.at AS at,
              (SELECT p.occurred_at ${firstPurchase}) AS purchase_at,
              (SELECT p.amount - p.refunded_amount ${firstPurchase}) AS purchase_amount,
              (SELECT MIN(r.fulfilled_at) FROM redemptions r WHERE r.member_id = c.member_id AND ${window('r.fulfilled_at')}) AS redemption_at,
              (SELECT MIN(e.checked_in_at) FROM event_registrations e WHERE e.member_id = c.member_id AND ${window('e.checked_in_at')}) AS check_in_at
         FROM member_contacts c
         JOIN members m ON m.id = c.member_id
         ${after ? 'JOIN member_contacts k ON k.id = ?' : ''}
        WHERE c.staff_id = ? AND c.at >= ? AND c.at < ?
          ${after ? 'AND (c.at < k.at OR (c.at = k.at AND c.id < k.id))' : ''}
        ORDER BY c.at DESC, c.id DESC
        LIMIT ${Math.trunc(page.limit)}`,
      [...(after ? [page.afterId] : []), staffId, period.from, period.to],
    );
    return rows.map((r) => ({
      id: String(r.id),
      memberId: String(r.member_id),
      memberNo: String(r.member_no),
      memberName: String(r.member_name),
      purpose: String(r.purpose),
      text: String(r.text),
      at: rawDate(r.at),
      purchaseAt: r.purchase_at === null ? null : rawDate(r.purchase_at),
      purchaseAmount: r.purchase_amount === null ? null : Number(r.purchase_amount),
      redemptionAt: r.redemption_at === null ? null : rawDate(r.redemption_at),
      checkInAt: r.check_in_at === null ? null : rawDate(r.check_in_at),
    }));
  }
}

/**
 * `column` lies within FOLLOW_DAYS after the contact `c.at`. The two databases spell date arithmetic
 * differently; SQLite keeps TypeORM's UTC text with milliseconds, so its sum is written the same way
 * and compares as text.
 */
function followWindow(em: EntityManager): (column: string) => string {
  const limit =
    em.connection.driver.options.type === 'better-sqlite3'
      ? `strftime('%Y-%m-%d %H:%M:%f', c.at, '+${FOLLOW_DAYS} days')`
      : `DATE_ADD(c.at, INTERVAL ${FOLLOW_DAYS} DAY)`;
  return (column) => `${column} > c.at AND ${column} <= ${limit}`;
}

/**
 * The period's contacts, of the named staff members. A list of ids (not a subquery on `staff`) lets
 * MariaDB read each one's period as a range of `ix_member_contacts_staff_at`; with a subquery it
 * looked up every contact the staff member ever made, and with no staff condition it scanned them all.
 */
function periodFilter(period: ContactPeriod): { where: string; params: unknown[] } {
  const ids = period.staffIds;
  if (ids === undefined) return { where: 'c.at >= ? AND c.at < ?', params: [period.from, period.to] };
  // No staff: a condition nothing meets, rather than `IN ()`, which neither database accepts.
  const byStaff = ids.length === 0 ? '1 = 0' : `c.staff_id IN (${ids.map(() => '?').join(', ')})`;
  return { where: `${byStaff} AND c.at >= ? AND c.at < ?`, params: [...ids, period.from, period.to] };
}
