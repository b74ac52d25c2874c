import type {
  CreateRewardInput,
  Paginated,
  Redemption,
  RedemptionCancelled,
  RedemptionCreated,
  RedemptionFulfilled,
  Reward,
  RewardForMember,
  UpdateRewardInput,
} from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /rewards`: the member's catalogue with whether each can be redeemed now. */
export async function listRewards(): Promise<RewardForMember[]> {
  const page = await request<Paginated<RewardForMember>>('/rewards', {
    query: { limit: 100 },
    auth: 'member',
  });
  return page.items;
}

/** `POST /rewards/{id}/redemptions`: one key per confirmation, so a retried tap never redeems twice. */
export function redeemReward(
  rewardId: string,
  quantity: number,
  idempotencyKey: string,
): Promise<RedemptionCreated> {
  return request<RedemptionCreated>(`/rewards/${encodeURIComponent(rewardId)}/redemptions`, {
    method: 'POST',
    body: { quantity },
    auth: 'member',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** `GET /me/redemptions`: newest first. */
export async function listMyRedemptions(): Promise<Redemption[]> {
  const page = await request<Paginated<Redemption>>('/me/redemptions', {
    query: { limit: 100 },
    auth: 'member',
  });
  return page.items;
}

/** `POST /redemptions/{id}/cancellation` (the member's own). */
export function cancelRedemption(id: string): Promise<RedemptionCancelled> {
  return request<RedemptionCancelled>(`/redemptions/${encodeURIComponent(id)}/cancellation`, {
    method: 'POST',
    auth: 'member',
  });
}

/** `POST /redemptions/fulfilments` (clerk): hands the gift over. */
export function fulfilRedemption(code: string): Promise<RedemptionFulfilled> {
  return request<RedemptionFulfilled>('/redemptions/fulfilments', {
    method: 'POST',
    body: { code },
    auth: 'staff',
  });
}

/** `GET /rewards/manage` (manager): every reward, newest first. */
export async function listRewardsForManager(): Promise<Reward[]> {
  const page = await request<Paginated<Reward>>('/rewards/manage', { query: { limit: 100 }, auth: 'staff' });
  return page.items;
}

/** `POST /rewards` (manager). */
export function createReward(input: CreateRewardInput): Promise<Reward> {
  return request<Reward>('/rewards', { method: 'POST', body: input, auth: 'staff' });
}

/** `PATCH /rewards/{id}` (manager). */
export function updateReward(id: string, input: UpdateRewardInput): Promise<Reward> {
  return request<Reward>(`/rewards/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: input,
    auth: 'staff',
  });
}
