import type { RedeemabilityReason } from '../contracts/rewards.contract';
import type { Tier } from '../enums/tier';

/** What the rule reads of a reward. */
export interface RedeemableReward {
  pointsCost: number;
  stockLeft: number;
  perMemberLimit: number;
  /** Empty: every tier. */
  tiers: readonly Tier[];
  availableFrom: Date;
  availableTo: Date;
}

/** Everything that decides whether a member may redeem `quantity` units of a reward at `now`. */
export interface RedeemabilityInput {
  reward: RedeemableReward;
  /** `spendablePoints` excludes pending points and may be negative after a refund. */
  member: { tier: Tier; spendablePoints: number };
  /** Units this member already holds (awaiting pickup or handed over). */
  alreadyRedeemed: number;
  quantity: number;
  now: Date;
}

/** The answer: redeemable, or the first reason it is not. */
export type Redeemability = { redeemable: true } | { redeemable: false; reason: RedeemabilityReason };

/**
 * Whether a member may redeem `quantity` units now. Reasons are checked in a fixed order, from what
 * the member can never change (tier) to what they can (points), so the reason shown is the one that
 * matters. The window is [availableFrom, availableTo). A balance below zero never redeems.
 */
export function redeemability(input: RedeemabilityInput): Redeemability {
  const { reward, member, alreadyRedeemed, quantity, now } = input;
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    throw new RangeError(`quantity ${quantity} is not a positive whole number`);
  const no = (reason: RedeemabilityReason): Redeemability => ({ redeemable: false, reason });
  if (reward.tiers.length > 0 && !reward.tiers.includes(member.tier)) return no('NOT_ELIGIBLE');
  if (now.getTime() < reward.availableFrom.getTime()) return no('NOT_AVAILABLE_YET');
  if (now.getTime() >= reward.availableTo.getTime()) return no('EXPIRED');
  if (reward.stockLeft < quantity) return no('OUT_OF_STOCK');
  if (alreadyRedeemed + quantity > reward.perMemberLimit) return no('LIMIT_REACHED');
  if (member.spendablePoints < 0 || member.spendablePoints < reward.pointsCost * quantity) {
    return no('POINTS_INSUFFICIENT');
  }
  return { redeemable: true };
}
