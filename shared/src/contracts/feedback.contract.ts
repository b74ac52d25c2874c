import { FOLLOW_UP_SUBJECTS } from './follow-ups.contract';

/** What a member rates: a purchase, an event they attended, a store, or anything else. */
export const FEEDBACK_SUBJECTS = FOLLOW_UP_SUBJECTS;
/** One of {@link FEEDBACK_SUBJECTS}. */
export type FeedbackSubject = (typeof FEEDBACK_SUBJECTS)[number];

/** Ratings at or below this open a follow-up for the store concerned. */
export const FEEDBACK_FOLLOW_UP_MAX_RATING = 3;

/** `POST /feedback` answer. */
export interface Feedback {
  id: string;
  subject: FeedbackSubject;
  refId: string | null;
  /** The store it concerns (the purchase's, the event's host, the named one, else the member's home store). */
  storeId: string | null;
  rating: number;
  comment: string;
  photoUrl: string | null;
  /** The follow-up a low rating opened; null for a rating above 3. */
  followUpId: string | null;
  createdAt: string;
}
