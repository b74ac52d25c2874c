import {
  type ClubEvent,
  type EventForMember,
  type EventMemberState,
  type MyRegistration,
  type RegistrationWindowRule,
  type RegistrationWindowView,
} from '@vip-club/shared';
import type { EventEntity } from './entities/event.entity';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Seats not yet held by a confirmed registration (never negative, even after a capacity cut). */
export function seatsLeftOf(event: Pick<EventEntity, 'capacity' | 'confirmedSeats'>): number {
  return Math.max(0, event.capacity - event.confirmedSeats);
}

export function registrationWindowOf(event: EventEntity): RegistrationWindowView {
  return {
    opensAt: event.opensAt.toISOString(),
    closesAt: event.closesAt.toISOString(),
    ...(event.priorityOpensAt === null || event.priorityTiers.length === 0
      ? {}
      : { priorityTiers: event.priorityTiers, priorityOpensAt: event.priorityOpensAt.toISOString() }),
  };
}

/** What managers and members both see of an event. */
function sharedFields(event: EventEntity) {
  return {
    id: event.id,
    title: event.title,
    kind: event.kind,
    description: event.description,
    venue: event.venue,
    coverImageUrl: event.coverImageUrl,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    capacity: event.capacity,
    pointsCost: event.pointsCost,
    guestsAllowed: event.guestsAllowed,
    registration: registrationWindowOf(event),
  };
}

/** An event as managers (and clerks) see it; `waitlisted` is counted from the registrations. */
export function toClubEvent(event: EventEntity, waitlisted: number): ClubEvent {
  return {
    ...sharedFields(event),
    storeId: event.storeId,
    eligibility: event.eligibility,
    status: event.status,
    confirmedSeats: event.confirmedSeats,
    seatsLeft: seatsLeftOf(event),
    waitlisted,
    checkedInSeats: event.checkedInSeats,
    invited: event.invitedCount,
    publishedAt: iso(event.publishedAt),
    cancelledAt: iso(event.cancelledAt),
    cancelReason: event.cancelReason,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

/** An event as one member sees it (who is invited stays with the managers). */
export function toEventForMember(
  event: EventEntity,
  view: {
    store: { id: string; name: string } | null;
    state: EventMemberState;
    isPriorityForMe: boolean;
    myRegistration: MyRegistration | null;
  },
): EventForMember {
  return {
    ...sharedFields(event),
    store: view.store,
    seatsLeft: seatsLeftOf(event),
    state: view.state,
    isPriorityForMe: view.isPriorityForMe,
    myRegistration: view.myRegistration,
  };
}

/** The stored window as the shared registration rules read it. */
export function registrationWindowRule(event: EventEntity): RegistrationWindowRule {
  return {
    opensAt: event.opensAt,
    closesAt: event.closesAt,
    priorityTiers: event.priorityTiers,
    priorityOpensAt: event.priorityOpensAt,
  };
}
