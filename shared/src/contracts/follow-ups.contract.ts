/** What a follow-up is about: an event now; purchases, stores and the rest come with member feedback. */
export const FOLLOW_UP_SUBJECTS = ['event', 'purchase', 'store', 'other'] as const;
/** One of {@link FOLLOW_UP_SUBJECTS}. */
export type FollowUpSubject = (typeof FOLLOW_UP_SUBJECTS)[number];

/** A follow-up is open until a clerk or manager resolves it. */
export const FOLLOW_UP_STATUSES = ['open', 'resolved'] as const;
/** One of {@link FOLLOW_UP_STATUSES}. */
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Why a follow-up went to the managers: which deadline passed first. */
export const FOLLOW_UP_ESCALATION_REASONS = ['first_response', 'resolution'] as const;
/** One of {@link FOLLOW_UP_ESCALATION_REASONS}. */
export type FollowUpEscalationReason = (typeof FOLLOW_UP_ESCALATION_REASONS)[number];

/** Minutes a store has to first reach the member after a low rating, counted in its opening hours. */
export const FOLLOW_UP_FIRST_RESPONSE_MINUTES = 15;
/** Hours a store has to resolve a follow-up, counted in its opening hours. */
export const FOLLOW_UP_RESOLVE_HOURS = 3;

/** A low rating a store must act on (`GET /staff/follow-ups`, `POST /follow-ups/{id}/resolution`). */
export interface FollowUp {
  id: string;
  /** The store that owns it; null when neither the event nor the member has one (managers handle it). */
  storeId: string | null;
  member: { id: string; memberNo: string; name: string };
  subject: FollowUpSubject;
  /** The event (or purchase, store) it is about. */
  refId: string | null;
  rating: number;
  comment: string;
  /** The member's photo with the rating: a path on this server (`FEEDBACK_PHOTO_PATH`). */
  photoUrl: string | null;
  status: FollowUpStatus;
  openedAt: string;
  firstResponseDueAt: string;
  resolveDueAt: string;
  /** True while open past `resolveDueAt`. */
  isOverdue: boolean;
  /** When the store first reached the member (`POST /follow-ups/{id}/first-response`, or resolving). */
  firstRespondedAt: string | null;
  firstResponseNote: string | null;
  /** When the `follow-up-escalation` job handed it to the managers, and which deadline had passed. */
  escalatedAt: string | null;
  escalationReason: FollowUpEscalationReason | null;
  resolvedAt: string | null;
  resolvedByStaffId: string | null;
  resolutionNote: string | null;
}
