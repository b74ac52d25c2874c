import type { EventRegistrationRow, MyRegistration, MyTicket, RegistrationCreated } from '@vip-club/shared';
import type { EventEntity } from './entities/event.entity';
import type { EventRegistrationEntity } from './entities/event-registration.entity';
import type { RegistrationWithMember } from './registrations.repository';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A member's own registration; `waitlistPosition` is given while it is waitlisted. */
export function toMyRegistration(row: EventRegistrationEntity, waitlistPosition?: number): MyRegistration {
  return {
    id: row.id,
    eventId: row.eventId,
    status: row.status,
    ticketCode: row.ticketCode,
    seats: row.seats,
    guests: row.guests,
    ...(row.status === 'waitlisted' && waitlistPosition !== undefined ? { waitlistPosition } : {}),
    pointsSpent: row.pointsSpent,
    createdAt: row.createdAt.toISOString(),
    checkedInAt: iso(row.checkedInAt),
    cancelledAt: iso(row.cancelledAt),
    rating: row.rating,
  };
}

/** The answer of registering (and of its retries): the registration and the balance right after paying. */
export function toRegistrationCreated(
  row: EventRegistrationEntity,
  waitlistPosition?: number,
): RegistrationCreated {
  return {
    ...toMyRegistration(row, waitlistPosition),
    status: row.status as RegistrationCreated['status'],
    balance: row.balanceAfter,
  };
}

export function toMyTicket(
  row: EventRegistrationEntity,
  event: EventEntity,
  waitlistPosition?: number,
): MyTicket {
  return {
    ...toMyRegistration(row, waitlistPosition),
    event: {
      id: event.id,
      title: event.title,
      kind: event.kind,
      venue: event.venue,
      coverImageUrl: event.coverImageUrl,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      status: event.status,
    },
  };
}

export function toRegistrationRow(
  row: RegistrationWithMember,
  waitlistPosition?: number,
): EventRegistrationRow {
  return {
    id: row.id,
    member: {
      id: row.member.id,
      memberNo: row.member.memberNo,
      name: row.member.name,
      tier: row.member.tier,
    },
    status: row.status,
    seats: row.seats,
    guests: row.guests,
    ...(row.status === 'waitlisted' && waitlistPosition !== undefined ? { waitlistPosition } : {}),
    createdAt: row.createdAt.toISOString(),
    checkedInAt: iso(row.checkedInAt),
    cancelledAt: iso(row.cancelledAt),
    invitedByClerkId: row.invitedByClerkId,
  };
}
