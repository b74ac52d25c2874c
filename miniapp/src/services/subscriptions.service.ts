import type { MemberSubscriptions, SubscriptionResultsInput } from '@vip-club/shared';
import { request } from '../lib/request';

/** `POST /me/subscriptions`: what the subscribe dialog answered, per template key. */
export function recordSubscriptions(input: SubscriptionResultsInput): Promise<MemberSubscriptions> {
  return request<MemberSubscriptions>('/me/subscriptions', { method: 'POST', body: input, auth: 'member' });
}
