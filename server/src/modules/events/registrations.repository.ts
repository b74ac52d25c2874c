import { Injectable } from '@nestjs/common';
import type { RegistrationsQuery, RegistrationStatus, Tier } from '@vip-club/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { rawExecute, rawQuery, rawWrite } from '../../database/raw-write';
import { EventRegistrationEntity } from './entities/event-registration.entity';

export type NewRegistration = Pick<
  EventRegistrationEntity,
  | 'eventId'
  | 'memberId'
  | 'status'
  | 'seats'
  | 'guests'
  | 'ticketCode'
  | 'pointsSpent'
  | 'balanceAfter'
  | 'idempotencyKey'
  | 'invitedByClerkId'
  | 'createdAt'
  | 'confirmedAt'
>;

/** The unique keys a registration insert can hit (MySQL names the index, SQLite the columns). */
export const REGISTRATION_KEYS = {
  liveMember: {
    name: 'uq_event_registrations_live_member',
    table: 'event_registrations',
    columns: ['event_id', 'live_member_id'],
  },
  memberKey: {
    name: 'uq_event_registrations_member_key',
    table: 'event_registrations',
    columns: ['member_id', 'idempotency_key'],
  },
  ticket: { name: 'uq_event_registrations_ticket', table: 'event_registrations', columns: ['ticket_code'] },
};

const LIVE: RegistrationStatus[] = ['confirmed', 'waitlisted'];

/**
 * `events`, read by its primary key only. With `status = 'published'` in a condition, MariaDB may
 * reach a small table through the (status, starts_at) index instead, locking that index's entries
 * too: a manager's status change of the same event then deadlocks with every waiting registration.
 * SQLite always finds a row by its integer key.
 */
function eventsByKey(em: EntityManager): string {
  return em.connection.driver.options.type === 'better-sqlite3' ? 'events' : 'events FORCE INDEX (PRIMARY)';
}

/** A registration with the member facts the staff lists show. */
export interface RegistrationWithMember extends EventRegistrationEntity {
  member: NonNullable<EventRegistrationEntity['member']>;
}

/**
 * Registrations and the seat counter on `events` they move. Seats are taken and given back only here,
 * by conditional updates, in the caller's transaction.
 */
@Injectable()
export class RegistrationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /**
   * Takes `seats` on a published event only if they fit: the one statement that decides between
   * confirmed and waitlisted, so confirmed seats can never exceed the capacity, whatever runs at once.
   * It also locks the event row until the transaction ends, which puts registrations, cancellations
   * and promotions of one event in one order (the ids of new registrations follow it).
   */
  async takeSeats(em: EntityManager, eventId: string, seats: number): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE ${eventsByKey(em)} SET confirmed_seats = confirmed_seats + ? WHERE id = ? AND status = 'published' AND confirmed_seats + ? <= capacity`,
      [seats, eventId, seats],
    );
    return changed > 0;
  }

  async releaseSeats(em: EntityManager, eventId: string, seats: number): Promise<void> {
    await rawWrite(em, 'UPDATE events SET confirmed_seats = confirmed_seats - ? WHERE id = ?', [
      seats,
      eventId,
    ]);
  }

  async addCheckedInSeats(em: EntityManager, eventId: string, seats: number): Promise<void> {
    await rawWrite(em, 'UPDATE events SET checked_in_seats = checked_in_seats + ? WHERE id = ?', [
      seats,
      eventId,
    ]);
  }

  /** The member's tier, for the registration window; null for an erased or unknown member. */
  async tierOf(memberId: string): Promise<Tier | null> {
    const [row] = await rawQuery<{ tier: string }>(
      this.manager(),
      'SELECT tier FROM members WHERE id = ? AND erased_at IS NULL',
      [memberId],
    );
    return row === undefined ? null : (row.tier as Tier);
  }

  /**
   * Inserts the registration only while its event is published, reading the event in the same
   * statement (a locking read under repeatable read, so a cancellation committed a moment ago is
   * seen); null when the event is no longer published.
   */
  async insertIfPublished(em: EntityManager, values: NewRegistration): Promise<string | null> {
    const { affected, insertId } = await rawExecute(
      em,
      `INSERT INTO event_registrations (event_id, member_id, live_member_id, status, seats, guests, ticket_code,
         points_spent, balance_after, idempotency_key, invited_by_clerk_id, created_at, confirmed_at)
       SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM ${eventsByKey(em)} WHERE id = ? AND status = 'published'`,
      [
        values.memberId,
        values.memberId,
        values.status,
        values.seats,
        values.guests,
        values.ticketCode,
        values.pointsSpent,
        values.balanceAfter,
        values.idempotencyKey,
        values.invitedByClerkId,
        values.createdAt,
        values.confirmedAt,
        values.eventId,
      ],
    );
    if (affected === 0) return null;
    if (insertId === null) throw new Error('the registration insert reported no id');
    return insertId;
  }

  findById(id: string, em?: EntityManager): Promise<EventRegistrationEntity | null> {
    return this.manager(em).findOneBy(EventRegistrationEntity, { id });
  }

  findByKey(memberId: string, idempotencyKey: string): Promise<EventRegistrationEntity | null> {
    return this.manager().findOneBy(EventRegistrationEntity, { memberId, idempotencyKey });
  }

  findByTicket(ticketCode: string): Promise<EventRegistrationEntity | null> {
    return this.manager().findOne(EventRegistrationEntity, {
      where: { ticketCode },
      relations: { member: true },
    });
  }

  /** The member's confirmed or waitlisted registration for the event, if any. */
  findLive(eventId: string, memberId: string, em?: EntityManager): Promise<EventRegistrationEntity | null> {
    return this.manager(em).findOneBy(EventRegistrationEntity, { eventId, liveMemberId: memberId });
  }

  /** The member's live registrations for these events. */
  liveForMember(memberId: string, eventIds: string[]): Promise<EventRegistrationEntity[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.manager().findBy(EventRegistrationEntity, { liveMemberId: memberId, eventId: In(eventIds) });
  }

  /** Every registration of the member with its event (a member registers for tens of events, not thousands). */
  allForMember(memberId: string): Promise<EventRegistrationEntity[]> {
    return this.manager().find(EventRegistrationEntity, {
      where: { memberId },
      relations: { event: true },
      order: { id: 'ASC' },
    });
  }

  /**
   * Confirmed or waitlisted → cancelled, once; a checked-in registration stays. Frees the member's
   * place in the unique key so they may register again.
   */
  async cancelLive(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE event_registrations SET status = 'cancelled', live_member_id = NULL, cancelled_at = ?
       WHERE id = ? AND status IN ('confirmed', 'waitlisted') AND checked_in_at IS NULL`,
      [at, id],
    );
    return changed > 0;
  }

  /** Waitlisted → cancelled (the waitlist released after registration closed); false when no longer waitlisted. */
  async cancelWaitlisted(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE event_registrations SET status = 'cancelled', live_member_id = NULL, cancelled_at = ?
       WHERE id = ? AND status = 'waitlisted'`,
      [at, id],
    );
    return changed > 0;
  }

  /** Every live registration of a cancelled event → cancelled (checked-in ones too: the event is off). */
  async cancelAllLive(em: EntityManager, eventId: string, at: Date): Promise<void> {
    await rawWrite(
      em,
      `UPDATE event_registrations SET status = 'cancelled', live_member_id = NULL, cancelled_at = ?
       WHERE event_id = ? AND status IN ('confirmed', 'waitlisted')`,
      [at, eventId],
    );
  }

  /** The live registrations of an event, in line order; read with a lock so none is missed (MySQL). */
  liveForEvent(em: EntityManager, eventId: string): Promise<EventRegistrationEntity[]> {
    const query = em
      .createQueryBuilder(EventRegistrationEntity, 'r')
      .where('r.event_id = :eventId AND r.status IN (:...live)', { eventId, live: LIVE })
      .orderBy('r.id', 'ASC');
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getMany();
  }

  /**
   * The first waitlisted registration after `afterId` that needs at most `maxSeats`, read with a lock
   * (the latest committed state on MySQL, whatever the transaction read before).
   */
  async nextFitting(
    em: EntityManager,
    eventId: string,
    maxSeats: number,
    afterId: string,
  ): Promise<EventRegistrationEntity | null> {
    const query = em
      .createQueryBuilder(EventRegistrationEntity, 'r')
      .where(
        "r.event_id = :eventId AND r.status = 'waitlisted' AND r.seats <= :maxSeats AND r.id > :afterId",
        {
          eventId,
          maxSeats,
          afterId,
        },
      )
      .orderBy('r.id', 'ASC')
      .limit(1);
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  async confirmWaitlisted(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      "UPDATE event_registrations SET status = 'confirmed', confirmed_at = ? WHERE id = ? AND status = 'waitlisted'",
      [at, id],
    );
    return changed > 0;
  }

  /** The door's scan: confirmed and not yet in → in, once. */
  async checkIn(em: EntityManager, id: string, staffId: string, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE event_registrations SET checked_in_at = ?, checked_in_by_staff_id = ?
       WHERE id = ? AND status = 'confirmed' AND checked_in_at IS NULL`,
      [at, staffId, id],
    );
    return changed > 0;
  }

  /** Attended and not yet rated → rated, once. */
  async rate(em: EntityManager, id: string, rating: number, comment: string, at: Date): Promise<boolean> {
    const changed = await rawWrite(
      em,
      `UPDATE event_registrations SET rating = ?, comment = ?, rated_at = ?
       WHERE id = ? AND checked_in_at IS NOT NULL AND rating IS NULL`,
      [rating, comment, at, id],
    );
    return changed > 0;
  }

  /** 1 for the first in line: waitlisted registrations of the event up to and including this one. */
  async waitlistPosition(eventId: string, id: string): Promise<number> {
    const [row] = await rawQuery<{ n: unknown }>(
      this.manager(),
      "SELECT COUNT(*) AS n FROM event_registrations WHERE event_id = ? AND status = 'waitlisted' AND id <= ?",
      [eventId, id],
    );
    return Number(row.n);
  }

  /** The manager's list in arrival order (the waitlist in line order), with the members. */
  listForEvent(
    eventId: string,
    status: RegistrationsQuery['status'],
    afterId: string | undefined,
    limit: number,
  ): Promise<RegistrationWithMember[]> {
    const query = this.manager()
      .createQueryBuilder(EventRegistrationEntity, 'r')
      .innerJoinAndSelect('r.member', 'm')
      .where('r.event_id = :eventId', { eventId });
    if (status === 'checked_in') query.andWhere('r.checked_in_at IS NOT NULL');
    else if (status !== undefined) query.andWhere('r.status = :status', { status });
    if (afterId !== undefined) query.andWhere('r.id > :afterId', { afterId });
    return query.orderBy('r.id', 'ASC').take(limit).getMany() as Promise<RegistrationWithMember[]>;
  }

  /**
   * Waitlisted registrations of published events whose registration closed by `now`, oldest first:
   * what the waitlist-release job hands back.
   */
  releasable(now: Date, limit: number): Promise<EventRegistrationEntity[]> {
    return this.manager()
      .createQueryBuilder(EventRegistrationEntity, 'r')
      .innerJoinAndSelect('r.event', 'e')
      .where("r.status = 'waitlisted' AND e.closes_at <= :now", { now })
      .orderBy('r.id', 'ASC')
      .take(limit)
      .getMany();
  }
}
