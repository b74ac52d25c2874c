import { Injectable } from '@nestjs/common';
import type { EventStatus, RegistrationStatus } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { rawQuery, rawWrite } from '../../database/raw-write';
import { EventEntity } from './entities/event.entity';

export type NewEvent = Omit<
  EventEntity,
  | 'id'
  | 'store'
  | 'createdBy'
  | 'confirmedSeats'
  | 'checkedInSeats'
  | 'invitedCount'
  | 'publishedAt'
  | 'cancelledAt'
  | 'cancelReason'
>;

/** What a manager's edit may write directly; status, counters and capacity move by conditional updates. */
export type EventEdit = Partial<
  Pick<
    EventEntity,
    | 'title'
    | 'kind'
    | 'description'
    | 'venue'
    | 'storeId'
    | 'coverImageUrl'
    | 'startsAt'
    | 'endsAt'
    | 'pointsCost'
    | 'guestsAllowed'
    | 'eligibility'
    | 'opensAt'
    | 'closesAt'
    | 'priorityTiers'
    | 'priorityOpensAt'
    | 'updatedAt'
  >
>;

/** The events table: the rows, their life-cycle moves and the manager's and members' lists. */
@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async insert(values: NewEvent, em?: EntityManager): Promise<EventEntity> {
    const result = await this.manager(em).insert(EventEntity, values);
    return (await this.findById(String(result.identifiers[0].id), em)) as EventEntity;
  }

  findById(id: string, em?: EntityManager): Promise<EventEntity | null> {
    return this.manager(em).findOneBy(EventEntity, { id });
  }

  /**
   * The event, its row locked until the transaction ends (MySQL; SQLite serialises writers anyway),
   * so an edit, a cancellation and a promotion of the waitlist never interleave on one event.
   */
  findForUpdate(em: EntityManager, id: string): Promise<EventEntity | null> {
    const query = em.createQueryBuilder(EventEntity, 'e').where('e.id = :id', { id });
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  async update(em: EntityManager, id: string, values: EventEdit): Promise<void> {
    await em.update(EventEntity, { id }, values);
  }

  /** Sets the capacity unless confirmed seats already exceed it; false when refused. */
  async setCapacity(em: EntityManager, id: string, capacity: number): Promise<boolean> {
    const changed = await rawWrite(
      em,
      'UPDATE events SET capacity = ? WHERE id = ? AND confirmed_seats <= ?',
      [capacity, id, capacity],
    );
    return changed > 0;
  }

  /** draft → published; false when the event is not a draft (published already, or cancelled). */
  async publish(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(EventEntity)
      .set({ status: 'published', publishedAt: at, updatedAt: at })
      .where('id = :id AND status = :draft', { id, draft: 'draft' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** draft or published → cancelled; false when already cancelled. */
  async cancel(em: EntityManager, id: string, reason: string, at: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(EventEntity)
      .set({ status: 'cancelled', cancelledAt: at, cancelReason: reason, updatedAt: at })
      .where('id = :id AND status IN (:...live)', { id, live: ['draft', 'published'] })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * The staff list: latest start first, then id; the cursor is the last event's id, seeked by its
   * (starts_at, id) so events sharing a start time are neither skipped nor repeated.
   */
  async listLatestFirst(
    statuses: readonly EventStatus[],
    after: EventEntity | null,
    limit: number,
  ): Promise<EventEntity[]> {
    const query = this.manager()
      .createQueryBuilder(EventEntity, 'e')
      .where('e.status IN (:...statuses)', { statuses })
      .orderBy('e.starts_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit);
    if (after !== null) {
      query.andWhere('(e.starts_at < :startsAt OR (e.starts_at = :startsAt AND e.id < :id))', {
        startsAt: after.startsAt,
        id: after.id,
      });
    }
    return query.getMany();
  }

  /** Published events that have not ended at `now`, soonest first (what members may browse). */
  listPublishedNotEnded(now: Date): Promise<EventEntity[]> {
    return this.manager()
      .createQueryBuilder(EventEntity, 'e')
      .where('e.status = :published AND e.ends_at > :now', { published: 'published', now })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  /**
   * Registrations of the event by status; `checkedIn` counts confirmed ones that came in (a
   * checked-in registration stays `confirmed`).
   */
  async registrationCounts(em: EntityManager, eventId: string): Promise<RegistrationCounts> {
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT status, COUNT(*) AS n, SUM(CASE WHEN checked_in_at IS NULL THEN 0 ELSE 1 END) AS came
       FROM event_registrations WHERE event_id = ? GROUP BY status`,
      [eventId],
    );
    const counts: RegistrationCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
    for (const row of rows) {
      const status = String(row.status) as RegistrationStatus;
      counts[status] = Number(row.n);
      if (status === 'confirmed') counts.checkedIn = Number(row.came ?? 0);
    }
    return counts;
  }

  /** Waitlisted registrations per event (missing: none). */
  async waitlistedCounts(em: EntityManager, eventIds: string[]): Promise<Map<string, number>> {
    if (eventIds.length === 0) return new Map();
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT event_id, COUNT(*) AS n FROM event_registrations
       WHERE status = 'waitlisted' AND event_id IN (${eventIds.map(() => '?').join(', ')}) GROUP BY event_id`,
      eventIds,
    );
    return new Map(rows.map((r) => [String(r.event_id), Number(r.n)]));
  }

  /** How many ratings of 1, 2, 3, 4 and 5 the event got. */
  async ratingCounts(em: EntityManager, eventId: string): Promise<[number, number, number, number, number]> {
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      'SELECT rating, COUNT(*) AS n FROM event_registrations WHERE event_id = ? AND rating IS NOT NULL GROUP BY rating',
      [eventId],
    );
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const row of rows) distribution[Number(row.rating) - 1] = Number(row.n);
    return distribution;
  }
}

export interface RegistrationCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
}
