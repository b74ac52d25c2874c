import { Injectable } from '@nestjs/common';
import type { LedgerKind, Tier } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { insertReturns, rawDate, rawInsert, rawQuery, rawWrite } from '../../database/raw-write';
import { isUniqueViolation } from '../../database/unique-violation';
import { PointsLedgerEntryEntity } from '../members/entities/points-ledger-entry.entity';
import { PointsLotEntity } from './entities/points-lot.entity';

const LEDGER_KEY = { name: 'uq_points_ledger_kind_ref', table: 'points_ledger', columns: ['kind', 'ref'] };

/**
 * Points on the member not yet spendable: what is left of lots still inside the return window.
 * Parameters: member id, instant.
 */
const PENDING_SQL =
  '(SELECT COALESCE(SUM(l.remaining), 0) FROM points_lots l WHERE l.member_id = ? AND l.available_at > ?)';

export type NewLedgerEntry = Omit<PointsLedgerEntryEntity, 'id' | 'member' | 'balanceAfter'>;
export type NewLot = Omit<PointsLotEntity, 'id' | 'member' | 'ledgerEntry'>;
/** What spending needs of a lot. */
export type SpendableLot = Pick<PointsLotEntity, 'id' | 'ledgerEntryId' | 'remaining' | 'availableAt'>;

/** The ledger, the lots and the cached balance on `members.points`; every write in the caller's transaction. */
@Injectable()
export class PointsLedgerRepository {
  findEntry(em: EntityManager, kind: LedgerKind, ref: string): Promise<PointsLedgerEntryEntity | null> {
    return em.getRepository(PointsLedgerEntryEntity).findOneBy({ kind, ref });
  }

  /**
   * The entry another transaction just committed: MySQL's repeatable read would hide it from a plain
   * read inside a transaction that has already read, so it is read with a lock there.
   */
  findCommittedEntry(
    em: EntityManager,
    kind: LedgerKind,
    ref: string,
  ): Promise<PointsLedgerEntryEntity | null> {
    const query = em
      .getRepository(PointsLedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.kind = :kind AND e.ref = :ref', { kind, ref });
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_read');
    return query.getOne();
  }

  /** Adds `delta` (either sign) unconditionally; false when there is no such member. */
  async addToBalance(em: EntityManager, memberId: string, delta: number): Promise<boolean> {
    return (await rawWrite(em, 'UPDATE members SET points = points + ? WHERE id = ?', [delta, memberId])) > 0;
  }

  /**
   * Takes `points` off only when the balance less pending points covers them, in one statement, so
   * concurrent spends can never overdraw; false when it did not (or there is no such member).
   */
  async subtractIfSpendable(em: EntityManager, memberId: string, points: number, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE members SET points = points - ? WHERE id = ? AND points - ${PENDING_SQL} >= ?`,
      [points, memberId, memberId, at, points],
    );
    return changed > 0;
  }

  async balanceOf(em: EntityManager, memberId: string): Promise<number | null> {
    const rows = await rawQuery<{ points: string | number }>(em, 'SELECT points FROM members WHERE id = ?', [
      memberId,
    ]);
    return rows.length === 0 ? null : Number(rows[0].points);
  }

  /** The cached balance and the pending points in one read; null when there is no such member. */
  async balanceAndPending(
    em: EntityManager,
    memberId: string,
    at: Date,
  ): Promise<{ balance: number; pending: number } | null> {
    const rows = await rawQuery<{ points: string | number; pending: string | number }>(
      em,
      `SELECT m.points AS points, ${PENDING_SQL} AS pending FROM members m WHERE m.id = ?`,
      [memberId, at, memberId],
    );
    if (rows.length === 0) return null;
    return { balance: Number(rows[0].points), pending: Number(rows[0].pending) };
  }

  /** What spending needs to know of a live member in one read: tier, balance and pending points. */
  async spendingStanding(
    em: EntityManager,
    memberId: string,
    at: Date,
  ): Promise<{ tier: Tier; balance: number; pending: number } | null> {
    const rows = await rawQuery<{ tier: Tier; points: string | number; pending: string | number }>(
      em,
      `SELECT m.tier AS tier, m.points AS points, ${PENDING_SQL} AS pending FROM members m` +
        ' WHERE m.id = ? AND m.erased_at IS NULL',
      [memberId, at, memberId],
    );
    if (rows.length === 0) return null;
    return { tier: rows[0].tier, balance: Number(rows[0].points), pending: Number(rows[0].pending) };
  }

  /**
   * Appends the entry with the member's balance as it stands (the caller has just changed it, and
   * holds its row lock) as `balance_after`; the id and that balance, or null when (kind, ref) is
   * already taken (the caller replays the first entry). Where INSERT … RETURNING exists (MariaDB,
   * SQLite) the balance is read by the insert itself: one statement instead of a SELECT and an INSERT.
   */
  async appendEntry(
    em: EntityManager,
    values: NewLedgerEntry,
  ): Promise<{ id: string; balanceAfter: number } | null> {
    const { memberId, delta, kind, ref, createdAt, expiresAt } = values;
    try {
      if (insertReturns(em)) {
        const rows = await rawQuery<{ id: string | number; balance_after: string | number }>(
          em,
          'INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at, expires_at)' +
            ' SELECT id, ?, ?, points, ?, ?, ? FROM members WHERE id = ? RETURNING id, balance_after',
          [delta, kind, ref, createdAt, expiresAt, memberId],
        );
        if (rows.length === 0) throw new Error(`member ${memberId} vanished inside its own lock`);
        return { id: String(rows[0].id), balanceAfter: Number(rows[0].balance_after) };
      }
      const balanceAfter = (await this.balanceOf(em, memberId)) as number;
      const id = await rawInsert(
        em,
        'INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at, expires_at)' +
          ' VALUES (?, ?, ?, ?, ?, ?, ?)',
        [memberId, delta, kind, balanceAfter, ref, createdAt, expiresAt],
      );
      return { id, balanceAfter };
    } catch (err) {
      if (isUniqueViolation(err, LEDGER_KEY)) return null;
      throw err;
    }
  }

  async insertLot(em: EntityManager, values: NewLot): Promise<void> {
    await rawWrite(
      em,
      'INSERT INTO points_lots (ledger_entry_id, member_id, points, remaining, available_at, expires_at, rule_set_id)' +
        ' VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        values.ledgerEntryId,
        values.memberId,
        values.points,
        values.remaining,
        values.availableAt,
        values.expiresAt,
        values.ruleSetId,
      ],
    );
  }

  /**
   * Lots with points left, in spending order: soonest expiry first, then oldest. A locking read on
   * MySQL: the caller holds the member's row, but its transaction may have read before taking it, and
   * a plain read under REPEATABLE READ would then show the lots as they were before another debit
   * committed (and take from a lot more than it still holds).
   */
  async lotsWithPoints(em: EntityManager, memberId: string): Promise<SpendableLot[]> {
    const rows = await rawQuery<{
      id: string | number;
      ledger_entry_id: string | number;
      remaining: string | number;
      available_at: unknown;
    }>(
      em,
      'SELECT id, ledger_entry_id, remaining, available_at FROM points_lots' +
        ' WHERE member_id = ? AND remaining > 0 ORDER BY expires_at, id' +
        (em.connection.driver.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE'),
      [memberId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      ledgerEntryId: String(r.ledger_entry_id),
      remaining: Number(r.remaining),
      availableAt: rawDate(r.available_at),
    }));
  }

  async takeFromLot(em: EntityManager, lotId: string, points: number): Promise<void> {
    await rawWrite(em, 'UPDATE points_lots SET remaining = remaining - ? WHERE id = ?', [points, lotId]);
  }

  /** Points left in the lots expiring soonest after `at`, and when: what the member loses next. */
  async expiringNext(
    em: EntityManager,
    memberId: string,
    at: Date,
  ): Promise<{ points: number; expiresAt: Date } | null> {
    const live = () =>
      em
        .getRepository(PointsLotEntity)
        .createQueryBuilder('l')
        .where('l.member_id = :memberId AND l.remaining > 0 AND l.expires_at > :at', { memberId, at });
    const first = await live().orderBy('l.expires_at', 'ASC').getOne();
    if (!first) return null;
    const row = await live()
      .andWhere('l.expires_at = :expiresAt', { expiresAt: first.expiresAt })
      .select('SUM(l.remaining)', 'points')
      .getRawOne<{ points: string | number }>();
    return { points: Number(row?.points ?? 0), expiresAt: first.expiresAt };
  }

  /** Members holding expired points at `at`, after `afterMemberId`, in member order: the expiry job's batches. */
  async membersWithExpiredLots(
    em: EntityManager,
    at: Date,
    afterMemberId: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await em
      .getRepository(PointsLotEntity)
      .createQueryBuilder('l')
      .select('l.member_id', 'memberId')
      .where('l.expires_at <= :at AND l.remaining > 0 AND l.member_id > :afterMemberId', {
        at,
        afterMemberId,
      })
      .groupBy('l.member_id')
      .orderBy('l.member_id', 'ASC')
      .limit(limit)
      .getRawMany<{ memberId: string | number }>();
    return rows.map((r) => String(r.memberId));
  }

  async expiredPoints(em: EntityManager, memberId: string, at: Date): Promise<number> {
    const row = await em
      .getRepository(PointsLotEntity)
      .createQueryBuilder('l')
      .select('COALESCE(SUM(l.remaining), 0)', 'points')
      .where('l.member_id = :memberId AND l.expires_at <= :at AND l.remaining > 0', { memberId, at })
      .getRawOne<{ points: string | number }>();
    return Number(row?.points ?? 0);
  }

  /** Empties what is left of the member's expired lots (after the `expire` entry took what it could). */
  async clearExpiredLots(em: EntityManager, memberId: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(PointsLotEntity)
      .set({ remaining: 0 })
      .where('member_id = :memberId AND expires_at <= :at AND remaining > 0')
      .setParameters({ memberId, at })
      .execute();
  }

  /** Per member and expiry instant, the points left in lots expiring in (from, to]: who to warn. */
  async expiringBetween(
    em: EntityManager,
    from: Date,
    to: Date,
  ): Promise<Array<{ memberId: string; expiresAt: Date; points: number }>> {
    const lots = await em
      .getRepository(PointsLotEntity)
      .createQueryBuilder('l')
      .where('l.expires_at > :from AND l.expires_at <= :to AND l.remaining > 0', { from, to })
      .orderBy('l.member_id', 'ASC')
      .addOrderBy('l.expires_at', 'ASC')
      .getMany();
    const grouped = new Map<string, { memberId: string; expiresAt: Date; points: number }>();
    for (const lot of lots) {
      const key = `${lot.memberId}:${lot.expiresAt.getTime()}`;
      const group = grouped.get(key) ?? { memberId: lot.memberId, expiresAt: lot.expiresAt, points: 0 };
      group.points += lot.remaining;
      grouped.set(key, group);
    }
    return [...grouped.values()];
  }
}
