import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  type CheckInResult,
  ErrorCode,
  type EventFeedbackInput,
  type EventFeedbackResult,
  type EventRegistrationRow,
  isPriorityTier,
  type MyRegistration,
  type MyTicket,
  type Paginated,
  type PaginationQuery,
  PICKUP_CODE_ALPHABET,
  type RegisterInput,
  type RegistrationCancelled,
  type RegistrationCreated,
  type RegistrationsQuery,
  refundsPointsOnCancel,
  registrationPhase,
  seatsFor,
  TICKET_CODE_LENGTH,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { isUniqueViolation } from '../../database/unique-violation';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { MembersService } from '../members/members.service';
import type { OutboxItem } from '../outbox/outbox-item';
import { OutboxService } from '../outbox/outbox.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { retryOnDeadlock } from '../points/transaction-retry';
import type { EventEntity } from './entities/event.entity';
import type { EventRegistrationEntity } from './entities/event-registration.entity';
import { EventAudience } from './event-audience';
import { eventCancelledMessage, promotedMessage, waitlistReleasedMessage } from './event-messages';
import { registrationWindowRule } from './events.mapper';
import { EventInvitationsService } from './invitations.service';
import { EventsRepository } from './events.repository';
import {
  toMyRegistration,
  toMyTicket,
  toRegistrationCreated,
  toRegistrationRow,
} from './registrations.mapper';
import { REGISTRATION_KEYS, RegistrationsRepository } from './registrations.repository';

/** The answer of registering and whether this request made it (201) or found it (200). */
export interface RegisterOutcome {
  created: boolean;
  body: RegistrationCreated;
}

/** What cancelling a whole event did to its registrations. */
export interface EventCancellationOutcome {
  cancelled: number;
  pointsReturned: number;
}

/** The `event-waitlist-release` job's answer. */
export interface WaitlistReleaseResult {
  job: 'event-waitlist-release';
  ranAt: string;
  effects: { released: number; pointsReturned: number };
}

const MAX_ATTEMPTS = 5;
const RELEASE_BATCH = 200;
/** Doors open this long before the event starts. */
const CHECK_IN_OPENS_BEFORE_MS = 3 * 3_600_000;

export function generateTicketCode(random: (max: number) => number = randomInt): string {
  return Array.from(
    { length: TICKET_CODE_LENGTH },
    () => PICKUP_CODE_ALPHABET[random(PICKUP_CODE_ALPHABET.length)],
  ).join('');
}

/**
 * The ledger's natural keys: the debit of a registration, named by its ticket code (unique for ever,
 * and known before the row exists: the debit comes first, see `admit`), and the return of its points.
 */
const spendRef = (ticketCode: string) => `event-registration:${ticketCode}`;
const returnRef = (registrationId: string) => `event-registration-cancel:${registrationId}`;

/**
 * Registrations: seats, the waitlist, points, tickets at the door and ratings after. Seats move only by
 * conditional updates of `events.confirmed_seats`; every change of seats, points and registrations for
 * one request happens in one transaction, and whatever frees seats locks the event row first so the
 * waitlist is served in line order before any newcomer.
 */
@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger(RegistrationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly registrations: RegistrationsRepository,
    private readonly events: EventsRepository,
    private readonly audience: EventAudience,
    private readonly points: PointsLedgerService,
    private readonly members: MembersService,
    private readonly followUps: FollowUpsService,
    private readonly outbox: OutboxService,
    private readonly invitations: EventInvitationsService,
  ) {}

  /**
   * Checks give the member the right refusal quickly; the transaction decides. It spends the points,
   * then takes the seats (confirmed when they fit, waitlisted otherwise), which locks the event row,
   * then inserts the row under that lock, so the ids of new registrations, the arrival order, follow
   * the order in which seats were decided; the unique (event, live member) key refuses a second live
   * registration and the whole transaction, points included, rolls back.
   */
  async register(
    user: AuthUser,
    eventId: string,
    input: Required<RegisterInput>,
    idempotencyKey: string | undefined,
    now = new Date(),
  ): Promise<RegisterOutcome> {
    const memberId = user.sub;
    if (idempotencyKey !== undefined) {
      const earlier = await this.registrations.findByKey(memberId, idempotencyKey);
      if (earlier) return this.replay(earlier, eventId, input.guests);
    }
    const event = await this.events.findById(eventId);
    if (!event || event.status === 'draft') throw eventNotFound(eventId);
    if (event.status === 'cancelled') {
      throw new DomainError(ErrorCode.REGISTRATION_CLOSED, 'This event was cancelled', {
        status: 'cancelled',
      });
    }
    if (input.guests > event.guestsAllowed) {
      throw validationError([
        { path: 'guests', message: `this event allows at most ${event.guestsAllowed} guest(s) per member` },
      ]);
    }
    const tier = await this.registrations.tierOf(memberId);
    if (tier === null) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    if (!(await this.audience.isEligible(this.dataSource.manager, event, memberId, now))) {
      throw new DomainError(ErrorCode.NOT_ELIGIBLE, 'This event does not invite this member');
    }
    const window = registrationWindowRule(event);
    const phase = registrationPhase(window, tier, now);
    if (phase === 'not_yet') {
      const opensAt = isPriorityTier(window, tier) ? event.priorityOpensAt : event.opensAt;
      throw new DomainError(ErrorCode.REGISTRATION_CLOSED, 'Registration has not opened yet', {
        opensAt: (opensAt ?? event.opensAt).toISOString(),
      });
    }
    if (phase === 'closed') {
      throw new DomainError(ErrorCode.REGISTRATION_CLOSED, 'Registration has closed', {
        closesAt: event.closesAt.toISOString(),
      });
    }

    const seats = seatsFor(input.guests);
    // Credited to the clerk whose personal invitation the member answers (read before any lock).
    const invitedBy = await this.invitations.creditingClerk(this.dataSource.manager, eventId, memberId);
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await retryOnDeadlock(() =>
          this.dataSource.transaction((em) =>
            this.admit(
              em,
              event,
              memberId,
              { guests: input.guests, seats, idempotencyKey: idempotencyKey ?? null, invitedBy },
              now,
            ),
          ),
        );
        const position =
          row.status === 'waitlisted'
            ? await this.registrations.waitlistPosition(eventId, row.id)
            : undefined;
        return { created: true, body: toRegistrationCreated(row, position) };
      } catch (err) {
        if (isUniqueViolation(err, REGISTRATION_KEYS.liveMember)) {
          throw new DomainError(
            ErrorCode.ALREADY_REGISTERED,
            'This member is already registered for this event',
          );
        }
        if (idempotencyKey !== undefined && isUniqueViolation(err, REGISTRATION_KEYS.memberKey)) {
          // The same key sent twice at once: the other request made it.
          const first = await this.registrations.findByKey(memberId, idempotencyKey);
          if (first) return this.replay(first, eventId, input.guests);
        }
        if (!isUniqueViolation(err, REGISTRATION_KEYS.ticket) || attempt >= MAX_ATTEMPTS) throw err;
        this.logger.warn({ attempt, eventId }, 'registration retried after a ticket code clash');
      }
    }
  }

  /** The member's own live registration → cancelled; points back only before registration closes. */
  async cancelMine(user: AuthUser, eventId: string, now = new Date()): Promise<RegistrationCancelled> {
    const memberId = user.sub;
    const event = await this.events.findById(eventId);
    if (!event || event.status === 'draft') throw eventNotFound(eventId);
    const live = await this.registrations.findLive(eventId, memberId);
    if (!live) throw noLiveRegistration();
    if (live.checkedInAt !== null) {
      throw new DomainError(ErrorCode.CONFLICT, 'This registration was already checked in', {
        checkedInAt: live.checkedInAt.toISOString(),
      });
    }
    const outcome = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        const locked = (await this.events.findForUpdate(em, eventId)) as EventEntity;
        const current = await this.registrations.findById(live.id, em);
        if (!current || !(await this.registrations.cancelLive(em, live.id, now))) return null;
        const refund = current.pointsSpent > 0 && refundsPointsOnCancel(registrationWindowRule(locked), now);
        const balance = refund
          ? (await this.returnPoints(em, current, now)).balanceAfter
          : (await this.points.balance(em, memberId, now)).balance;
        if (current.status === 'confirmed') {
          await this.registrations.releaseSeats(em, eventId, current.seats);
          await this.promote(em, eventId, now);
        }
        return { pointsReturned: refund ? current.pointsSpent : 0, balance };
      }),
    );
    if (!outcome) throw noLiveRegistration();
    const after = (await this.registrations.findById(live.id)) as EventRegistrationEntity;
    return { ...toMyRegistration(after), status: 'cancelled', ...outcome };
  }

  /**
   * After a capacity raise (events-core, in its transaction): the first waitlisted registrations
   * that now fit are confirmed, in line order, and told so.
   */
  promoteWaitlist(em: EntityManager, eventId: string, now: Date): Promise<number> {
    return this.promote(em, eventId, now);
  }

  /**
   * The event was just cancelled (events-core, in its transaction, the event row locked): every live
   * registration is cancelled, its points returned in full whatever the date, and its member told.
   */
  async cancelAllForCancelledEvent(
    em: EntityManager,
    event: EventEntity,
    now: Date,
  ): Promise<EventCancellationOutcome> {
    const live = await this.registrations.liveForEvent(em, event.id);
    if (live.length === 0) return { cancelled: 0, pointsReturned: 0 };
    await this.registrations.cancelAllLive(em, event.id, now);
    const seats = live.filter((r) => r.status === 'confirmed').reduce((sum, r) => sum + r.seats, 0);
    if (seats > 0) await this.registrations.releaseSeats(em, event.id, seats);
    let pointsReturned = 0;
    for (const registration of live) {
      if (registration.pointsSpent > 0) {
        await this.returnPoints(em, registration, now);
        pointsReturned += registration.pointsSpent;
      }
    }
    await this.tell(
      em,
      live.map((r) => eventCancelledMessage(event, r, r.pointsSpent)),
      now,
    );
    return { cancelled: live.length, pointsReturned };
  }

  /** My tickets: live ones of events still to come first, soonest first; then the rest, latest first. */
  async listMine(user: AuthUser, query: PaginationQuery, now = new Date()): Promise<Paginated<MyTicket>> {
    const cursor = parseCursor(query.cursor);
    const rows = await this.registrations.allForMember(user.sub);
    const isLive = (r: EventRegistrationEntity) =>
      r.status !== 'cancelled' &&
      r.event!.status === 'published' &&
      r.event!.endsAt.getTime() > now.getTime();
    const live = rows
      .filter(isLive)
      .sort(
        (a, b) => a.event!.startsAt.getTime() - b.event!.startsAt.getTime() || Number(a.id) - Number(b.id),
      );
    const rest = rows
      .filter((r) => !isLive(r))
      .sort(
        (a, b) => b.event!.startsAt.getTime() - a.event!.startsAt.getTime() || Number(b.id) - Number(a.id),
      );
    const ordered = [...live, ...rest];
    const start = cursor === undefined ? 0 : ordered.findIndex((r) => r.id === cursor) + 1;
    const slice = ordered.slice(start, start + query.limit + 1);
    const positions = await this.positionsOf(slice.slice(0, query.limit));
    return toPage(slice, query.limit, (r) => toMyTicket(r, r.event!, positions.get(r.id)));
  }

  /** The member's live registrations for these events, for the events list and detail. */
  async liveRegistrationsOf(memberId: string, eventIds: string[]): Promise<Map<string, MyRegistration>> {
    const rows = await this.registrations.liveForMember(memberId, eventIds);
    const positions = await this.positionsOf(rows);
    return new Map(rows.map((r) => [r.eventId, toMyRegistration(r, positions.get(r.id))]));
  }

  /** The door: a confirmed ticket of this event, once; a clerk only at their store's events or store-less ones. */
  async checkIn(
    user: AuthUser,
    eventId: string,
    ticketCode: string,
    now = new Date(),
  ): Promise<CheckInResult> {
    const event = await this.events.findById(eventId);
    if (!event || event.status === 'draft') throw eventNotFound(eventId);
    if (user.role === 'clerk' && event.storeId !== null && event.storeId !== user.storeId) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Clerks check guests in only at their own store's events");
    }
    if (event.status === 'cancelled') throw new DomainError(ErrorCode.CONFLICT, 'This event was cancelled');
    const doorsOpen = new Date(event.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS);
    if (now.getTime() < doorsOpen.getTime()) {
      throw new DomainError(ErrorCode.CONFLICT, 'Check-in opens 3 hours before the event starts', {
        opensAt: doorsOpen.toISOString(),
      });
    }
    if (now.getTime() >= event.endsAt.getTime()) {
      throw new DomainError(ErrorCode.CONFLICT, 'This event has ended; check-in is closed', {
        endedAt: event.endsAt.toISOString(),
      });
    }
    const registration = await this.registrations.findByTicket(ticketCode);
    if (!registration || registration.eventId !== eventId) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No ticket with this code for this event');
    }
    const done = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        if (!(await this.registrations.checkIn(em, registration.id, user.sub, now))) return null;
        await this.registrations.addCheckedInSeats(em, eventId, registration.seats);
        return (await this.events.findById(eventId, em)) as EventEntity;
      }),
    );
    const member = registration.member!;
    if (!done) {
      const current = (await this.registrations.findById(registration.id)) as EventRegistrationEntity;
      if (current.checkedInAt !== null) {
        throw new DomainError(ErrorCode.ALREADY_CHECKED_IN, 'This ticket was already checked in', {
          checkedInAt: current.checkedInAt.toISOString(),
          member: { name: member.name, memberNo: member.memberNo },
        });
      }
      throw new DomainError(
        ErrorCode.TICKET_NOT_CONFIRMED,
        `This ticket is ${current.status}, not confirmed`,
        {
          status: current.status,
        },
      );
    }
    return {
      registrationId: registration.id,
      event: { id: event.id, title: event.title },
      member: { id: member.id, memberNo: member.memberNo, name: member.name, tier: member.tier },
      seats: registration.seats,
      guests: registration.guests,
      checkedInAt: now.toISOString(),
      checkedInSeats: done.checkedInSeats,
      confirmedSeats: done.confirmedSeats,
    };
  }

  /** The manager's list in arrival order; waitlisted rows carry their place in line. */
  async listForEvent(eventId: string, query: RegistrationsQuery): Promise<Paginated<EventRegistrationRow>> {
    const event = await this.events.findById(eventId);
    if (!event) throw eventNotFound(eventId);
    const rows = await this.registrations.listForEvent(
      eventId,
      query.status,
      parseCursor(query.cursor),
      query.limit + 1,
    );
    const firstWaitlisted = rows.slice(0, query.limit).find((r) => r.status === 'waitlisted');
    let position = firstWaitlisted
      ? await this.registrations.waitlistPosition(eventId, firstWaitlisted.id)
      : 0;
    return toPage(rows, query.limit, (r) =>
      toRegistrationRow(r, r.status === 'waitlisted' ? position++ : undefined),
    );
  }

  /** A member who was checked in rates the event once it has started; 3 or less opens a follow-up. */
  async feedback(
    user: AuthUser,
    eventId: string,
    input: Required<EventFeedbackInput>,
    now = new Date(),
  ): Promise<EventFeedbackResult> {
    // Her access token outlives an erasure by up to 15 minutes; a rating then would keep her words.
    const me = await this.members.getOwn(user.sub);
    if (!me)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This membership no longer exists; log in again');
    const event = await this.events.findById(eventId);
    if (!event || event.status === 'draft') throw eventNotFound(eventId);
    const registration = await this.registrations.findLive(eventId, user.sub);
    if (!registration || registration.checkedInAt === null || now.getTime() < event.startsAt.getTime()) {
      throw new DomainError(ErrorCode.NOT_ATTENDED, 'Only members who attended may rate this event');
    }
    if (registration.rating !== null) throw alreadyRated();
    const opensFollowUp = input.rating <= 3;
    const storeId = opensFollowUp ? (event.storeId ?? me.storeId ?? null) : null;
    await retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        if (!(await this.registrations.rate(em, registration.id, input.rating, input.comment, now))) {
          throw alreadyRated();
        }
        if (opensFollowUp) {
          await this.followUps.open(em, {
            storeId,
            memberId: user.sub,
            subject: 'event',
            refId: eventId,
            rating: input.rating,
            comment: input.comment,
            at: now,
          });
        }
      }),
    );
    return { rating: input.rating, comment: input.comment, followUpOpened: opensFollowUp };
  }

  /**
   * The `event-waitlist-release` job: once registration has closed, every registration still waiting
   * is cancelled, its points returned in full and its member told. Each release is a conditional
   * update, so a second run (or two servers at once) releases nothing twice.
   */
  async releaseWaitlists(now = new Date()): Promise<WaitlistReleaseResult> {
    let released = 0;
    let pointsReturned = 0;
    for (;;) {
      const rows = await this.registrations.releasable(now, RELEASE_BATCH);
      for (const row of rows) {
        const done = await retryOnDeadlock(() =>
          this.dataSource.transaction(async (em) => {
            if (!(await this.registrations.cancelWaitlisted(em, row.id, now))) return false;
            if (row.pointsSpent > 0) await this.returnPoints(em, row, now);
            await this.tell(em, [waitlistReleasedMessage(row.event!, row, row.pointsSpent)], now);
            return true;
          }),
        );
        if (done) {
          released += 1;
          pointsReturned += row.pointsSpent;
        }
      }
      if (rows.length < RELEASE_BATCH) {
        return {
          job: 'event-waitlist-release',
          ranAt: now.toISOString(),
          effects: { released, pointsReturned },
        };
      }
    }
  }

  private async admit(
    em: EntityManager,
    event: EventEntity,
    memberId: string,
    party: { guests: number; seats: number; idempotencyKey: string | null; invitedBy: string | null },
    now: Date,
  ): Promise<EventRegistrationEntity> {
    const { guests, seats, idempotencyKey } = party;
    const ticketCode = generateTicketCode();
    const pointsSpent = event.pointsCost;
    // The points first, before the event's row is locked: every statement run under that lock
    // holds up every other registration for the event, so only the seats and the row itself are.
    const balanceAfter =
      pointsSpent > 0
        ? (
            await this.points.debit(em, {
              memberId,
              points: pointsSpent,
              kind: 'redeem',
              ref: spendRef(ticketCode),
              at: now,
              allowNegative: false,
            })
          ).balanceAfter
        : (await this.points.balance(em, memberId, now)).balance;
    const confirmed = await this.registrations.takeSeats(em, event.id, seats);
    const values = {
      eventId: event.id,
      memberId,
      status: confirmed ? ('confirmed' as const) : ('waitlisted' as const),
      seats,
      guests,
      ticketCode,
      pointsSpent,
      balanceAfter,
      idempotencyKey,
      invitedByClerkId: party.invitedBy,
      createdAt: now,
      confirmedAt: confirmed ? now : null,
    };
    // No seat, or the event left `published` since it was read: the insert checks which, under the
    // same lock a cancellation takes, so no live registration can land on a cancelled event.
    const id = await this.registrations.insertIfPublished(em, values);
    if (id === null) {
      throw new DomainError(ErrorCode.REGISTRATION_CLOSED, 'This event was cancelled', {
        status: 'cancelled',
      });
    }
    return {
      ...values,
      id,
      liveMemberId: memberId,
      checkedInAt: null,
      checkedInByStaffId: null,
      cancelledAt: null,
      rating: null,
      comment: null,
      ratedAt: null,
      remindedAt: null,
    };
  }

  /**
   * Seats freed on a locked event go to the waitlist in line order: each next registration that fits
   * in what is free is confirmed (a party too large for the gap keeps its place and the next smaller
   * one goes ahead), while the event is published and registration is open; after it closes the
   * waitlist is released instead.
   */
  private async promote(em: EntityManager, eventId: string, now: Date): Promise<number> {
    // A locking read: the latest seats and capacity, whatever the caller's transaction read before.
    const event = (await this.events.findForUpdate(em, eventId)) as EventEntity;
    if (event.status !== 'published' || now.getTime() >= event.closesAt.getTime()) return 0;
    let free = event.capacity - event.confirmedSeats;
    let afterId = '0';
    const promoted: EventRegistrationEntity[] = [];
    while (free > 0) {
      const next = await this.registrations.nextFitting(em, eventId, free, afterId);
      if (!next) break;
      afterId = next.id;
      if (!(await this.registrations.confirmWaitlisted(em, next.id, now))) continue;
      if (!(await this.registrations.takeSeats(em, eventId, next.seats))) {
        throw new Error(`event ${eventId}: ${next.seats} seat(s) counted free under lock could not be taken`);
      }
      free -= next.seats;
      promoted.push(next);
    }
    await this.tell(
      em,
      promoted.map((r) => promotedMessage(event, r)),
      now,
    );
    return promoted.length;
  }

  private returnPoints(em: EntityManager, registration: EventRegistrationEntity, now: Date) {
    return this.points.credit(em, {
      memberId: registration.memberId,
      points: registration.pointsSpent,
      kind: 'redeem_cancel',
      ref: returnRef(registration.id),
      at: now,
    });
  }

  /** Messages to members, in the transaction of the change they announce (sent iff it commits). */
  private async tell(em: EntityManager, messages: OutboxItem[], now: Date): Promise<void> {
    if (messages.length > 0) await this.outbox.enqueue(em, messages, now);
  }

  private async positionsOf(rows: EventRegistrationEntity[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    for (const r of rows) {
      if (r.status === 'waitlisted')
        positions.set(r.id, await this.registrations.waitlistPosition(r.eventId, r.id));
    }
    return positions;
  }

  /** Same key: the first answer (as the registration stands now); same key for another event or party: 409. */
  private async replay(
    first: EventRegistrationEntity,
    eventId: string,
    guests: number,
  ): Promise<RegisterOutcome> {
    if (first.eventId !== eventId || first.guests !== guests) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        'This Idempotency-Key was already used for another registration',
        { registrationId: first.id },
      );
    }
    const position =
      first.status === 'waitlisted'
        ? await this.registrations.waitlistPosition(first.eventId, first.id)
        : undefined;
    return { created: false, body: toRegistrationCreated(first, position) };
  }
}

function eventNotFound(id: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No event with id ${id}`);
}

function noLiveRegistration(): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, 'This member has no live registration for this event');
}

function alreadyRated(): DomainError {
  return new DomainError(ErrorCode.ALREADY_RATED, 'This member already rated this event');
}
