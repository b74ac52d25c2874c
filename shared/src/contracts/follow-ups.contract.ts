/** What a follow-up is about: an event now; purchases, stores and the rest come with member feedback. */
export const FOLLOW_UP_SUBJECTS = ['event', 'purchase', 'store', 'other'] as const;
/** One of {@link FOLLOW_UP_SUBJECTS}. */
export type FollowUpSubject = (typeof FOLLOW_UP_SUBJECTS)[number];

/** A follow-up is open until a clerk or manager resolves it. */
export const FOLLOW_UP_STATUSES = ['open', 'resolved'] as const;
/** One of {@link FOLLOW_UP_STATUSES}. */
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Minutes a store has to first reach the member after a low rating. */
export const FOLLOW_UP_FIRST_RESPONSE_MINUTES = 15;
/** Hours a store has to resolve a follow-up. */
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
  status: FollowUpStatus;
  openedAt: string;
  firstResponseDueAt: string;
  resolveDueAt: string;
  /** True while open past `resolveDueAt`. */
  isOverdue: boolean;
  resolvedAt: string | null;
  resolvedByStaffId: string | null;
  resolutionNote: string | null;
}
