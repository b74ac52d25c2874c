import { API_BASE_PATH } from './common.contract';
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

/** The largest feedback photo `POST /feedback/photos` takes (2 MiB). */
export const FEEDBACK_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The image types a feedback photo may be, judged by the file's first bytes, not its name. */
export const FEEDBACK_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** One of {@link FEEDBACK_PHOTO_TYPES}. */
export type FeedbackPhotoType = (typeof FEEDBACK_PHOTO_TYPES)[number];

/**
 * A photo kept by the club itself: its path on this server, whose last segment is a random key, so
 * only whoever was given the address can open it (an image tag cannot send a bearer token).
 */
export const FEEDBACK_PHOTO_PATH = /^\/api\/v1\/feedback\/photos\/([1-9][0-9]{0,18})\/([0-9a-f]{32})$/;

/** The path of a photo the club keeps (see {@link FEEDBACK_PHOTO_PATH}). */
export function feedbackPhotoPath(id: string, key: string): string {
  return `${API_BASE_PATH}/feedback/photos/${id}/${key}`;
}

/** `POST /feedback/photos` answer: give `photoUrl` to `POST /feedback`. */
export interface FeedbackPhoto {
  photoId: string;
  /** A path on this server (`/api/v1/feedback/photos/{id}/{key}`): prefix the server's origin to show it. */
  photoUrl: string;
  contentType: FeedbackPhotoType;
  sizeBytes: number;
}
