import type { Feedback, FeedbackInput, FeedbackPhoto } from '@vip-club/shared';
import { request, upload } from '../lib/request';

/** `POST /feedback`: the member's rating; one of 3 or less opens a follow-up for the store. */
export function giveFeedback(input: FeedbackInput): Promise<Feedback> {
  return request<Feedback>('/feedback', { method: 'POST', body: input, auth: 'member' });
}

/** `POST /feedback/photos`: one image from the phone, answered with the `photoUrl` to rate with. */
export function uploadFeedbackPhoto(filePath: string): Promise<FeedbackPhoto> {
  return upload<FeedbackPhoto>('/feedback/photos', { filePath, field: 'photo' }, { auth: 'member' });
}
