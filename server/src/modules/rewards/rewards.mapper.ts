import type { Redeemability, RedemptionCreated, Redemption, Reward, RewardForMember } from '@vip-club/shared';
import type { RedemptionEntity } from './entities/redemption.entity';
import type { RewardEntity } from './entities/reward.entity';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** What managers and members both see of a reward. */
function rewardFields(reward: RewardEntity) {
  return {
    id: reward.id,
    name: reward.name,
    description: reward.description,
    kind: reward.kind,
    pointsCost: reward.pointsCost,
    stockLeft: reward.stockLeft,
    perMemberLimit: reward.perMemberLimit,
    tiers: reward.tiers,
    availableFrom: reward.availableFrom.toISOString(),
    availableTo: reward.availableTo.toISOString(),
    imageUrl: reward.imageUrl,
  };
}

export function toReward(reward: RewardEntity): Reward {
  return {
    ...rewardFields(reward),
    stock: reward.stock,
    createdAt: reward.createdAt.toISOString(),
    updatedAt: reward.updatedAt.toISOString(),
  };
}

export function toRewardForMember(
  reward: RewardEntity,
  alreadyRedeemed: number,
  verdict: Redeemability,
): RewardForMember {
  return {
    ...rewardFields(reward),
    alreadyRedeemed,
    redeemable: verdict.redeemable,
    ...(verdict.redeemable ? {} : { reason: verdict.reason }),
  };
}

/** The answer of a redemption, the same on every retry: it reads only what the first request stored. */
export function toRedemptionCreated(
  row: Pick<RedemptionEntity, 'id' | 'code' | 'pointsSpent' | 'balanceAfter'>,
): RedemptionCreated {
  return {
    id: row.id,
    code: row.code,
    status: 'awaiting_pickup',
    pointsSpent: row.pointsSpent,
    balance: row.balanceAfter,
  };
}

/** `row.reward` must be loaded. */
export function toRedemption(row: RedemptionEntity): Redemption {
  if (!row.reward) throw new Error(`redemption ${row.id} was read without its reward`);
  return {
    id: row.id,
    rewardId: row.rewardId,
    reward: { name: row.reward.name, kind: row.reward.kind, imageUrl: row.reward.imageUrl },
    quantity: row.quantity,
    pointsSpent: row.pointsSpent,
    code: row.code,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    fulfilledAt: iso(row.fulfilledAt),
    fulfilledStoreId: row.fulfilledStoreId,
    cancelledAt: iso(row.cancelledAt),
  };
}
