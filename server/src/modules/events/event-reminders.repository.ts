import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawDate, rawQuery, rawWrite } from '../../database/raw-write';

export interface ReminderRow {
  registrationId: string;
  memberId: string;
  event: { id: string; title: string; venue: string; startsAt: Date };
}

@Injectable()
export class EventRemindersRepository {
  /**
   * Confirmed registrations of published events starting in [from, to), after `afterId` in id order,
   * whether or not already reminded (the outbox ref makes a second reminder a no-op).
   */
  async confirmedStarting(
    em: EntityManager,
    from: Date,
    to: Date,
    afterId: string | null,
    limit: number,
  ): Promise<ReminderRow[]> {
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT r.id AS registration_id, r.member_id, e.id AS event_id, e.title, e.venue, e.starts_at
       FROM event_registrations r JOIN events e ON e.id = r.event_id
       WHERE e.status = 'published' AND e.starts_at >= ? AND e.starts_at < ? AND r.status = 'confirmed'
         ${afterId === null ? '' : 'AND r.id > ?'}
       ORDER BY r.id LIMIT ${Number(limit)}`,
      afterId === null ? [from, to] : [from, to, afterId],
    );
    return rows.map((r) => ({
      registrationId: String(r.registration_id),
      memberId: String(r.member_id),
      event: {
        id: String(r.event_id),
        title: String(r.title),
        venue: String(r.venue),
        startsAt: rawDate(r.starts_at),
      },
    }));
  }

  /** Stamps `reminded_at` on those not stamped yet; answers how many were new. */
  async markReminded(em: EntityManager, registrationIds: string[], at: Date): Promise<number> {
    if (registrationIds.length === 0) return 0;
    return rawWrite(
      em,
      `UPDATE event_registrations SET reminded_at = ? WHERE reminded_at IS NULL AND id IN (${registrationIds
        .map(() => '?')
        .join(', ')})`,
      [at, ...registrationIds],
    );
  }
}
