import type { AgeBand, EventKind, EventStatus, RegistrationStatus } from '../enums/event';
import type { Gender } from '../enums/gender';
import type { DeliverySkipCode } from '../enums/delivery-skip-code';
import type { Tier } from '../enums/tier';

/** Who an event invites, as stored and shown (the `eligibility` of `POST /events`). */
export interface EventEligibilityView {
  tiers?: Tier[];
  genders?: Gender[];
  ageBands?: AgeBand[];
  interests?: string[];
  storeIds?: string[];
  memberIds?: string[];
}

/** The registration window, as stored and shown. */
export interface RegistrationWindowView {
  opensAt: string;
  closesAt: string;
  priorityTiers?: Tier[];
  priorityOpensAt?: string;
}

/**
 * Where registration stands for one member at one moment, in the order the mini-program shows them:
 * `upcoming` (not open to them yet), `priority` (open to them early, for their tier), `open`,
 * `full` (open, no seat: registering joins the waitlist), `closed`, `cancelled`, `ended`.
 */
export const EVENT_MEMBER_STATES = [
  'upcoming',
  'priority',
  'open',
  'full',
  'closed',
  'cancelled',
  'ended',
] as const;
/** One of {@link EVENT_MEMBER_STATES}. */
export type EventMemberState = (typeof EVENT_MEMBER_STATES)[number];

/** A member's own registration (on an event, in `GET /me/registrations`, and after registering). */
export interface MyRegistration {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  /** The ticket the mini-program draws as a QR; a clerk scans it at the door. */
  ticketCode: string;
  /** The member plus their guests. */
  seats: number;
  guests: number;
  /** 1 for the first in line; present while waitlisted. */
  waitlistPosition?: number;
  pointsSpent: number;
  createdAt: string;
  checkedInAt: string | null;
  cancelledAt: string | null;
  /** The member's rating after the event, once given. */
  rating: number | null;
}

/** An event as a member sees it (`GET /events`, `GET /events/{id}`). */
export interface EventForMember {
  id: string;
  title: string;
  kind: EventKind;
  description: string;
  venue: string;
  store: { id: string; name: string } | null;
  coverImageUrl: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsLeft: number;
  pointsCost: number;
  guestsAllowed: number;
  registration: RegistrationWindowView;
  /** Where registration stands for this member now. */
  state: EventMemberState;
  /** True when the member's tier is among the priority tiers. */
  isPriorityForMe: boolean;
  myRegistration: MyRegistration | null;
}

/** `POST /events/{id}/registrations` → 201 (a retry with the same `Idempotency-Key`: 200, same body). */
export interface RegistrationCreated extends MyRegistration {
  status: 'confirmed' | 'waitlisted';
  /** The member's balance right after the points cost was spent. */
  balance: number;
}

/** `DELETE /events/{id}/registrations/me`. */
export interface RegistrationCancelled extends MyRegistration {
  status: 'cancelled';
  /** 0 when cancelled after registration closed (the seat is freed, the points are kept). */
  pointsReturned: number;
  balance: number;
}

/** An event as managers see and edit it. */
export interface ClubEvent {
  id: string;
  title: string;
  kind: EventKind;
  description: string;
  venue: string;
  storeId: string | null;
  coverImageUrl: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  pointsCost: number;
  guestsAllowed: number;
  eligibility: EventEligibilityView;
  registration: RegistrationWindowView;
  status: EventStatus;
  /** Seats held by confirmed registrations (members and guests). */
  confirmedSeats: number;
  seatsLeft: number;
  waitlisted: number;
  checkedInSeats: number;
  /** Members invited on publishing (counted when the invitations were queued). */
  invited: number;
  publishedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /events/audience-count` and `GET /events/{id}/audience`: members an eligibility invites now. */
export interface AudienceCount {
  count: number;
}

/** A row of `GET /events/{id}/registrations` (manager). Phones are not shown here. */
export interface EventRegistrationRow {
  id: string;
  member: { id: string; memberNo: string; name: string; tier: Tier };
  status: RegistrationStatus;
  seats: number;
  guests: number;
  waitlistPosition?: number;
  createdAt: string;
  checkedInAt: string | null;
  cancelledAt: string | null;
  /** The clerk whose personal invitation this registration followed. */
  invitedByClerkId: string | null;
}

/** `POST /events/{id}/check-ins` → 201: who came in, with how many. */
export interface CheckInResult {
  registrationId: string;
  event: { id: string; title: string };
  member: { id: string; memberNo: string; name: string; tier: Tier };
  seats: number;
  guests: number;
  checkedInAt: string;
  /** Seats checked in so far, for the door's running count. */
  checkedInSeats: number;
  confirmedSeats: number;
}

/** One clerk's personal-invitation funnel for an event. */
export interface ClerkInvitationFunnel {
  clerk: { id: string; name: string; storeId: string | null };
  invited: number;
  registered: number;
  attended: number;
}

/** `GET /events/{id}/summary` (manager): during and after the event. */
export interface EventSummary {
  eventId: string;
  capacity: number;
  confirmedSeats: number;
  confirmedRegistrations: number;
  waitlisted: number;
  cancelled: number;
  checkedInSeats: number;
  checkedInRegistrations: number;
  /** Checked-in registrations over confirmed ones, 0..1; null before any confirmation. */
  attendanceRate: number | null;
  /** Confirmed, not checked in, once the event has ended; null before it ends. */
  noShows: number | null;
  ratings: { count: number; average: number | null; distribution: [number, number, number, number, number] };
  invitations: { sent: number; clerks: ClerkInvitationFunnel[] };
}

/** A member a clerk may invite personally (`GET /events/{id}/invitable`): their own, and eligible. */
export interface InvitableMember {
  id: string;
  memberNo: string;
  name: string;
  tier: Tier;
  /** Already invited by this clerk, or already registered. */
  isInvited: boolean;
  isRegistered: boolean;
}

/** One outcome per member of `POST /events/{id}/invitations`. */
export interface ClerkInvitationResult {
  memberId: string;
  result: 'sent' | 'already_invited' | 'already_registered' | 'not_eligible' | 'not_your_member';
  /**
   * With `sent` only: whether the WeChat/Alipay copy goes to her phone too (`queued`), or she finds it
   * in the club's inbox only (`skipped`, with `code`: e.g. `marketing_cap`, `no_consent`, `not_subscribed`).
   */
  push?: 'queued' | 'skipped';
  code?: DeliverySkipCode;
}

/** A ticket in `GET /me/registrations`: the member's registration with the event it is for, soonest first. */
export interface MyTicket extends MyRegistration {
  event: {
    id: string;
    title: string;
    kind: EventKind;
    venue: string;
    coverImageUrl: string | null;
    startsAt: string;
    endsAt: string;
    status: EventStatus;
  };
}

/** `POST /events/{id}/feedback` → 201. */
export interface EventFeedbackResult {
  rating: number;
  comment: string;
  /** True when the rating (3 or less) opened a follow-up for the hosting store. */
  followUpOpened: boolean;
}

/** `POST /events/{id}/invitations` → 201. */
export interface ClerkInvitationsResult {
  results: ClerkInvitationResult[];
}
