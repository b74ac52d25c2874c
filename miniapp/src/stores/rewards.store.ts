import type { Redemption, RedemptionCreated, RewardForMember } from '@vip-club/shared';
import { create } from 'zustand';
import { cancelRedemption, listMyRedemptions, listRewards, redeemReward } from '../services/rewards.service';

interface RewardsState {
  rewards: RewardForMember[];
  redemptions: Redemption[];
  loadRewards: () => Promise<void>;
  loadRedemptions: () => Promise<void>;
  /** Redeems with the caller's key: the same key on a retry returns the first answer. */
  redeem: (rewardId: string, quantity: number, idempotencyKey: string) => Promise<RedemptionCreated>;
  cancel: (redemptionId: string) => Promise<void>;
}

/** The member's catalogue of gifts and what they have redeemed. */
export const useRewardsStore = create<RewardsState>((set, get) => ({
  rewards: [],
  redemptions: [],

  async loadRewards() {
    set({ rewards: await listRewards() });
  },

  async loadRedemptions() {
    set({ redemptions: await listMyRedemptions() });
  },

  async redeem(rewardId, quantity, idempotencyKey) {
    const created = await redeemReward(rewardId, quantity, idempotencyKey);
    // Stock, limits and the balance all moved: the catalogue is re-read rather than patched.
    await Promise.all([get().loadRewards(), get().loadRedemptions()]).catch(() => undefined);
    return created;
  },

  async cancel(redemptionId) {
    await cancelRedemption(redemptionId);
    await Promise.all([get().loadRewards(), get().loadRedemptions()]);
  },
}));
