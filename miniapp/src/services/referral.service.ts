import type { ReferralCard, ReferralSummary } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /me/referral`: my code and the people I brought in. */
export function getReferral(): Promise<ReferralSummary> {
  return request<ReferralSummary>('/me/referral', { auth: 'member' });
}

/** `GET /me/referral/card`: the code, the join link and (WeChat) the mini-program code image. */
export function getReferralCard(): Promise<ReferralCard> {
  return request<ReferralCard>('/me/referral/card', { auth: 'member' });
}
