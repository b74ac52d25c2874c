import { Injectable } from '@nestjs/common';
import {
  type AudienceCount,
  type ClubEvent,
  type CreateEventInput,
  type EventEligibility,
  type EventForMember,
  type EventSummary,
  type EventsQuery,
  ErrorCode,
  eventMemberState,
  isPriorityTier,
  type MyRegistration,
  type Paginated,
  type UpdateEventInput,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor } from '../../common/pagination/page';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { MembersService } from '../members/members.service';
import { AuditService, auditActor } from '../points/audit.service';
import { StoresService } from '../stores/stores.service';
import type { EventEntity } from './entities/event.entity';
import { EventAudience } from './event-audience';
import { registrationWindowRule, toClubEvent, toEventForMember } from './events.mapper';
import { type EventEdit, EventsRepository } from './events.repository';
import { EventInvitationsService } from './invitations.service';
import { RegistrationsService } from './registrations.service';

/** Club events as managers edit them and as members and clerks read them. */
@Injectable()
export class EventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsRepository,
    private readonly audience: EventAudience,
    private readonly stores: StoresService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly registrations: RegistrationsService,
    private readonly invitations: EventInvitationsService,
  ) {}

  /** A new event, in `draft`. */
  async create(user: AuthUser, input: CreateEventInput, now = new Date()): Promise<ClubEvent> {
    await this.requireStores(input.storeId ?? null, input.eligibility);
    return this.dataSource.transaction(async (em) => {
      const event = await this.events.insert(
        {
          title: input.title,
          kind: input.kind,
          description: input.description,
          venue: input.venue,
          storeId: input.storeId ?? null,
          coverImageUrl: input.coverImageUrl ?? null,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          capacity: input.capacity,
          pointsCost: input.pointsCost,
          guestsAllowed: input.guestsAllowed,
          eligibility: input.eligibility,
          opensAt: new Date(input.registration.opensAt),
          closesAt: new Date(input.registration.closesAt),
          priorityTiers: input.registration.priorityTiers ?? [],
          priorityOpensAt:
            input.registration.priorityOpensAt === undefined
              ? null
              : new Date(input.registration.priorityOpensAt),
          status: 'draft',
          createdByStaffId: user.sub,
          createdAt: now,
          updatedAt: now,
        },
        em,
      );
      const view = toClubEvent(event, 0);
      await this.record(em, user, 'event.create', event.id, null, view, now);
      return view;
    });
  }

  /**
   * Any of the fields. A cancelled event is final; a published one keeps its eligibility (the
   * invitations are out) and may not shrink below its confirmed seats. Times given by halves are
   * checked against the stored other half.
   */
  async update(user: AuthUser, id: string, input: UpdateEventInput, now = new Date()): Promise<ClubEvent> {
    if (input.storeId !== undefined || input.eligibility !== undefined) {
      await this.requireStores(input.storeId ?? null, input.eligibility);
    }
    return this.dataSource.transaction(async (em) => {
      const current = await this.events.findForUpdate(em, id);
      if (!current) throw eventNotFound(id);
      if (current.status === 'cancelled') {
        throw new DomainError(ErrorCode.CONFLICT, 'A cancelled event cannot be edited', {
          status: 'cancelled',
        });
      }
      if (
        current.status === 'published' &&
        input.eligibility !== undefined &&
        !sameEligibility(input.eligibility, current.eligibility)
      ) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Invitations have gone out: who is invited cannot change once the event is published',
          { field: 'eligibility' },
        );
      }
      const edit = mergedEdit(current, input);
      checkTimes(current, edit);
      if (input.capacity !== undefined && input.capacity !== current.capacity) {
        if (!(await this.events.setCapacity(em, id, input.capacity))) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            `${current.confirmedSeats} seats are already confirmed; the capacity cannot be less`,
            { field: 'capacity', confirmedSeats: current.confirmedSeats },
          );
        }
      }
      await this.events.update(em, id, { ...edit, updatedAt: now });
      // New seats go to the waitlist in line order, in this transaction, before any newcomer.
      if (
        current.status === 'published' &&
        input.capacity !== undefined &&
        input.capacity > current.capacity
      ) {
        await this.registrations.promoteWaitlist(em, id, now);
      }
      const after = (await this.events.findById(id, em)) as EventEntity;
      const view = toClubEvent(after, await this.waitlisted(em, id));
      await this.record(em, user, 'event.update', id, toClubEvent(current, view.waitlisted), view, now);
      return view;
    });
  }

  /** draft → published; the invitations fan-out picks published events up on its own. */
  async publish(user: AuthUser, id: string, now = new Date()): Promise<ClubEvent> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.events.findForUpdate(em, id);
      if (!current) throw eventNotFound(id);
      if (current.status !== 'draft') {
        throw new DomainError(ErrorCode.CONFLICT, `The event is ${current.status}, not a draft`, {
          status: current.status,
        });
      }
      if (current.endsAt.getTime() <= now.getTime()) {
        throw new DomainError(ErrorCode.CONFLICT, 'The event has already ended; it cannot be published');
      }
      await this.events.publish(em, id, now);
      const after = (await this.events.findById(id, em)) as EventEntity;
      const view = toClubEvent(after, 0);
      await this.record(em, user, 'event.publish', id, null, { status: 'published' }, now);
      return view;
    });
  }

  /** → cancelled, with every live registration cancelled and its points returned in the same transaction. */
  async cancel(user: AuthUser, id: string, reason: string, now = new Date()): Promise<ClubEvent> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.events.findForUpdate(em, id);
      if (!current) throw eventNotFound(id);
      if (current.status === 'cancelled') {
        throw new DomainError(ErrorCode.CONFLICT, 'The event is already cancelled', { status: 'cancelled' });
      }
      await this.events.cancel(em, id, reason, now);
      await this.registrations.cancelAllForCancelledEvent(
        em,
        (await this.events.findById(id, em)) as EventEntity,
        now,
      );
      const after = (await this.events.findById(id, em)) as EventEntity;
      const view = toClubEvent(after, await this.waitlisted(em, id));
      await this.record(
        em,
        user,
        'event.cancel',
        id,
        { status: current.status },
        { status: 'cancelled', reason },
        now,
      );
      return view;
    });
  }

  /** Members an eligibility invites now (the editor's live count). */
  async audienceCount(eligibility: EventEligibility, now = new Date()): Promise<AudienceCount> {
    return { count: await this.audience.countEligible(this.dataSource.manager, eligibility, now) };
  }

  /** Members the stored event invites now. */
  async audienceOf(id: string, now = new Date()): Promise<AudienceCount> {
    const event = await this.events.findById(id);
    if (!event) throw eventNotFound(id);
    return this.audienceCount(event.eligibility, now);
  }

  /** Staff: managers every status (or `?status=`), clerks published events only. */
  async listForStaff(user: AuthUser, query: EventsQuery): Promise<Paginated<ClubEvent>> {
    const statuses =
      user.role === 'manager'
        ? query.status === undefined
          ? (['draft', 'published', 'cancelled'] as const)
          : [query.status]
        : query.status === undefined || query.status === 'published'
          ? (['published'] as const)
          : [];
    const cursor = parseCursor(query.cursor);
    if (statuses.length === 0) return { items: [], nextCursor: null };
    const after = cursor === undefined ? null : await this.events.findById(cursor);
    if (cursor !== undefined && after === null) return { items: [], nextCursor: null };
    const rows = await this.events.listLatestFirst(statuses, after, query.limit + 1);
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const waitlisted = await this.waitlistedOf(page.map((e) => e.id));
    return {
      items: page.map((e) => toClubEvent(e, waitlisted.get(e.id) ?? 0)),
      nextCursor: hasMore ? page[page.length - 1].id : null,
    };
  }

  /** One event as staff see it (clerks: published ones only). */
  async oneForStaff(user: AuthUser, id: string): Promise<ClubEvent> {
    const event = await this.events.findById(id);
    if (!event || (user.role !== 'manager' && event.status !== 'published')) throw eventNotFound(id);
    return toClubEvent(event, await this.waitlisted(this.dataSource.manager, id));
  }

  /** Published events this member is invited to (or registered for) that have not ended, soonest first. */
  async listForMember(
    user: AuthUser,
    query: EventsQuery,
    now = new Date(),
  ): Promise<Paginated<EventForMember>> {
    const cursor = parseCursor(query.cursor);
    const all = await this.events.listPublishedNotEnded(now);
    const mine = await this.registrations.liveRegistrationsOf(
      user.sub,
      all.map((e) => e.id),
    );
    const invites = await this.audience.invitesMember(this.dataSource.manager, user.sub, now);
    const visible = all.filter((event) => mine.has(event.id) || invites(event));
    // The cursor event may have left the list since (ended, cancelled): seek past its place in the
    // (startsAt, id) order rather than by finding it.
    const after = cursor === undefined ? null : await this.events.findById(cursor);
    if (cursor !== undefined && after === null) return { items: [], nextCursor: null };
    const rest = after === null ? visible : visible.filter((e) => comesAfter(e, after));
    const page = rest.slice(0, query.limit);
    const hasMore = rest.length > query.limit;
    return {
      items: await this.forMember(user, page, mine, now),
      nextCursor: hasMore ? page[page.length - 1].id : null,
    };
  }

  /** 404 when it is a draft, or the member is neither invited nor registered. */
  async oneForMember(user: AuthUser, id: string, now = new Date()): Promise<EventForMember> {
    const event = await this.events.findById(id);
    if (!event || event.status === 'draft') throw eventNotFound(id);
    const mine = await this.registrations.liveRegistrationsOf(user.sub, [id]);
    if (!mine.has(id) && !(await this.audience.isEligible(this.dataSource.manager, event, user.sub, now))) {
      throw eventNotFound(id);
    }
    const [view] = await this.forMember(user, [event], mine, now);
    return view;
  }

  /** The event, or 404 (for the other parts of the events module). */
  async require(id: string, em?: EntityManager): Promise<EventEntity> {
    const event = await this.events.findById(id, em);
    if (!event) throw eventNotFound(id);
    return event;
  }

  private async forMember(
    user: AuthUser,
    events: EventEntity[],
    mine: Map<string, MyRegistration>,
    now: Date,
  ): Promise<EventForMember[]> {
    if (events.length === 0) return [];
    const member = await this.members.getOwn(user.sub);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    const storeNames = new Map<string, string>();
    const views: EventForMember[] = [];
    for (const event of events) {
      let store: { id: string; name: string } | null = null;
      if (event.storeId !== null) {
        if (!storeNames.has(event.storeId)) {
          storeNames.set(event.storeId, (await this.stores.require(event.storeId)).name);
        }
        store = { id: event.storeId, name: storeNames.get(event.storeId) as string };
      }
      const window = registrationWindowRule(event);
      views.push(
        toEventForMember(event, {
          store,
          state: eventMemberState({
            status: event.status,
            endsAt: event.endsAt,
            window,
            tier: member.tier,
            seatsLeft: event.capacity - event.confirmedSeats,
            now,
          }),
          isPriorityForMe: isPriorityTier(window, member.tier),
          myRegistration: mine.get(event.id) ?? null,
        }),
      );
    }
    return views;
  }

  /** During and after the event: registrations, attendance, ratings and the clerks' invitations. */
  async summary(id: string, now = new Date()): Promise<EventSummary> {
    const em = this.dataSource.manager;
    const event = await this.events.findById(id);
    if (!event) throw eventNotFound(id);
    const counts = await this.events.registrationCounts(em, id);
    const ratings = await this.events.ratingCounts(em, id);
    const rated = ratings.reduce((sum, n) => sum + n, 0);
    const ratingSum = ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
    const ended = now.getTime() >= event.endsAt.getTime();
    return {
      eventId: id,
      capacity: event.capacity,
      confirmedSeats: event.confirmedSeats,
      confirmedRegistrations: counts.confirmed,
      waitlisted: counts.waitlisted,
      cancelled: counts.cancelled,
      checkedInSeats: event.checkedInSeats,
      checkedInRegistrations: counts.checkedIn,
      attendanceRate: counts.confirmed === 0 ? null : counts.checkedIn / counts.confirmed,
      noShows: ended ? counts.confirmed - counts.checkedIn : null,
      ratings: {
        count: rated,
        average: rated === 0 ? null : Math.round((ratingSum / rated) * 100) / 100,
        distribution: ratings,
      },
      invitations: await this.invitations.funnel(em, id),
    };
  }

  private async waitlisted(em: EntityManager, id: string): Promise<number> {
    return (await this.events.registrationCounts(em, id)).waitlisted;
  }

  private async waitlistedOf(ids: string[]): Promise<Map<string, number>> {
    return this.events.waitlistedCounts(this.dataSource.manager, ids);
  }

  /** The hosting store and the invited stores must exist: 400 naming the field otherwise. */
  private async requireStores(
    storeId: string | null,
    eligibility: EventEligibility | undefined,
  ): Promise<void> {
    const wanted: Array<[string, string]> = [];
    if (storeId !== null) wanted.push([storeId, 'storeId']);
    (eligibility?.storeIds ?? []).forEach((id, i) => wanted.push([id, `eligibility.storeIds.${i}`]));
    for (const [id, field] of wanted) {
      try {
        await this.stores.require(id, field);
      } catch (err) {
        if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND) {
          throw validationError([{ path: field, message: `no store with id ${id}` }]);
        }
        throw err;
      }
    }
  }

  private record(
    em: EntityManager,
    user: AuthUser,
    action: string,
    entityId: string,
    before: unknown,
    after: unknown,
    now: Date,
  ): Promise<void> {
    return this.audit.record(
      em,
      { actor: auditActor(user), action, entity: 'event', entityId, before, after },
      now,
    );
  }
}

export function eventNotFound(id: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No event with id ${id}`);
}

/** Soonest first, then by id: the members' list order. */
function comesAfter(event: EventEntity, cursor: EventEntity): boolean {
  const a = event.startsAt.getTime();
  const b = cursor.startsAt.getTime();
  return a > b || (a === b && Number(event.id) > Number(cursor.id));
}

/** Eligibility compared as a set per criterion (order and empty-vs-missing do not matter). */
function sameEligibility(a: EventEligibility, b: EventEligibility): boolean {
  const keys = ['tiers', 'genders', 'ageBands', 'interests', 'storeIds', 'memberIds'] as const;
  return keys.every((key) => {
    const left = [...((a[key] ?? []) as string[])].sort();
    const right = [...((b[key] ?? []) as string[])].sort();
    return left.length === right.length && left.every((v, i) => v === right[i]);
  });
}

/** The columns an update writes (capacity moves apart, by a conditional update). */
function mergedEdit(current: EventEntity, input: UpdateEventInput): EventEdit {
  const edit: EventEdit = {};
  if (input.title !== undefined) edit.title = input.title;
  if (input.kind !== undefined) edit.kind = input.kind;
  if (input.description !== undefined) edit.description = input.description;
  if (input.venue !== undefined) edit.venue = input.venue;
  if (input.storeId !== undefined) edit.storeId = input.storeId;
  if (input.coverImageUrl !== undefined) edit.coverImageUrl = input.coverImageUrl;
  if (input.startsAt !== undefined) edit.startsAt = new Date(input.startsAt);
  if (input.endsAt !== undefined) edit.endsAt = new Date(input.endsAt);
  if (input.pointsCost !== undefined) edit.pointsCost = input.pointsCost;
  if (input.guestsAllowed !== undefined) edit.guestsAllowed = input.guestsAllowed;
  if (input.eligibility !== undefined && current.status === 'draft') edit.eligibility = input.eligibility;
  if (input.registration !== undefined) {
    edit.opensAt = new Date(input.registration.opensAt);
    edit.closesAt = new Date(input.registration.closesAt);
    edit.priorityTiers = input.registration.priorityTiers ?? [];
    edit.priorityOpensAt =
      input.registration.priorityOpensAt === undefined ? null : new Date(input.registration.priorityOpensAt);
  }
  return edit;
}

/** The edited times against the stored ones: 400 naming the field that no longer fits. */
function checkTimes(current: EventEntity, edit: EventEdit): void {
  const startsAt = edit.startsAt ?? current.startsAt;
  const endsAt = edit.endsAt ?? current.endsAt;
  const opensAt = edit.opensAt ?? current.opensAt;
  const closesAt = edit.closesAt ?? current.closesAt;
  const priorityOpensAt = edit.priorityOpensAt === undefined ? current.priorityOpensAt : edit.priorityOpensAt;
  const errors: Array<{ path: string; message: string }> = [];
  if (endsAt.getTime() <= startsAt.getTime()) {
    errors.push({ path: 'endsAt', message: 'must be later than startsAt' });
  }
  if (closesAt.getTime() > startsAt.getTime()) {
    errors.push({ path: 'registration.closesAt', message: 'must be no later than startsAt' });
  }
  if (closesAt.getTime() <= opensAt.getTime()) {
    errors.push({ path: 'registration.closesAt', message: 'must be later than opensAt' });
  }
  if (priorityOpensAt !== null && priorityOpensAt.getTime() >= opensAt.getTime()) {
    errors.push({ path: 'registration.priorityOpensAt', message: 'must be earlier than opensAt' });
  }
  if (errors.length > 0) throw validationError(errors);
}
