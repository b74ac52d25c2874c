import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate, rawQuery, rawWrite } from '../../database/raw-write';

/** A cap row that has never been taken: as if the last marketing message were long ago. */
const NEVER = new Date(0);

const isSqlite = (em: EntityManager) => em.connection.driver.options.type === 'better-sqlite3';
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * `member_contact_caps`: when the club last pushed each member a marketing message. Every taker goes
 * through here, one member (a clerk's greeting) or a page of them (the automated senders).
 */
@Injectable()
export class MarketingCapRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Makes the member's row if it is missing, outside any transaction: inside one, the duplicate's
   * share lock would meet the update's exclusive lock of a concurrent greeting and deadlock.
   */
  async ensureRow(memberId: string): Promise<void> {
    const ignore = isSqlite(this.dataSource.manager) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await rawWrite(
      this.dataSource.manager,
      `${ignore} INTO member_contact_caps (member_id, last_marketing_at) VALUES (?, ?)`,
      [memberId, NEVER],
    );
  }

  /** Takes one member's slot at `now` unless another message had it after `since`; one winner under concurrency. */
  async takeOne(em: EntityManager, memberId: string, since: Date, now: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      'UPDATE member_contact_caps SET last_marketing_at = ? WHERE member_id = ? AND last_marketing_at <= ?',
      [now, memberId, since],
    );
    return changed > 0;
  }

  async lastMarketingAt(memberId: string): Promise<Date | null> {
    const [row] = await rawQuery<{ last_marketing_at: unknown }>(
      this.dataSource.manager,
      'SELECT last_marketing_at FROM member_contact_caps WHERE member_id = ?',
      [memberId],
    );
    return row ? rawDate(row.last_marketing_at) : null;
  }

  /**
   * A page's slots in a fixed number of statements, in the caller's transaction: lock the members'
   * rows that exist (in id order, as every taker does), create the missing ones, and take every slot
   * free since `since` with one update. Answers, per member, whether this call took the slot and
   * when the slot was last taken before. The locks hold to the commit, so a clerk's greeting or
   * another sender at the same moment waits and then sees the slot taken.
   */
  async takeMany(
    em: EntityManager,
    memberIds: string[],
    since: Date,
    now: Date,
  ): Promise<Map<string, { taken: boolean; lastAt: Date }>> {
    const ids = [...new Set(memberIds)].sort((a, b) => Number(a) - Number(b));
    const last = new Map<string, Date>();
    if (ids.length === 0) return new Map();
    const lock = async (some: string[]) => {
      const rows = await rawQuery<{ member_id: unknown; last_marketing_at: unknown }>(
        em,
        `SELECT member_id, last_marketing_at FROM member_contact_caps WHERE member_id IN (${marks(some.length)})
         ORDER BY member_id${isSqlite(em) ? '' : ' FOR UPDATE'}`,
        some,
      );
      for (const r of rows) last.set(String(r.member_id), rawDate(r.last_marketing_at));
    };
    await lock(ids);
    const missing = ids.filter((id) => !last.has(id));
    if (missing.length > 0) {
      const ignore = isSqlite(em) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
      const inserted = await rawWrite(
        em,
        `${ignore} INTO member_contact_caps (member_id, last_marketing_at) VALUES ${missing.map(() => '(?, ?)').join(', ')}`,
        missing.flatMap((id) => [id, NEVER]),
      );
      // Another sender created some of them meanwhile (rare): read what it left there, locked.
      if (inserted < missing.length) await lock(missing);
      for (const id of missing) if (!last.has(id)) last.set(id, NEVER);
    }
    const free = ids.filter((id) => (last.get(id) ?? NEVER).getTime() <= since.getTime());
    if (free.length > 0) {
      await rawWrite(
        em,
        `UPDATE member_contact_caps SET last_marketing_at = ? WHERE member_id IN (${marks(free.length)})`,
        [now, ...free],
      );
    }
    const freeSet = new Set(free);
    return new Map(ids.map((id) => [id, { taken: freeSet.has(id), lastAt: last.get(id) ?? NEVER }]));
  }
}
