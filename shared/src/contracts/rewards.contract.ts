import type { RedemptionStatus } from '../enums/redemption-status';
import type { RewardKind } from '../enums/reward-kind';
import type { Tier } from '../enums/tier';

/** Why a member cannot redeem a reward now (the first reason that applies, in this order). */
export const REDEEMABILITY_REASONS = [
  'NOT_ELIGIBLE',
  'NOT_AVAILABLE_YET',
  'EXPIRED',
  'OUT_OF_STOCK',
  'LIMIT_REACHED',
  'POINTS_INSUFFICIENT',
] as const;

/** One reason a reward cannot be redeemed. */
export type RedeemabilityReason = (typeof REDEEMABILITY_REASONS)[number];

/** A reward as managers see and edit it. */
export interface Reward {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  pointsCost: number;
  /** Units offered in all. */
  stock: number;
  /** Units not held by a live (awaiting or fulfilled) redemption. */
  stockLeft: number;
  perMemberLimit: number;
  /** Empty: every tier. */
  tiers: Tier[];
  availableFrom: string;
  availableTo: string;
  imageUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A reward in a member's catalogue (`GET /rewards`), with whether they may redeem one now. */
export interface RewardForMember {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  pointsCost: number;
  stockLeft: number;
  perMemberLimit: number;
  tiers: Tier[];
  availableFrom: string;
  availableTo: string;
  imageUrl: string | null;
  /** Units this member holds (awaiting pickup or handed over). */
  alreadyRedeemed: number;
  /** Whether one unit can be redeemed now. */
  redeemable: boolean;
  /** Present when `redeemable` is false. */
  reason?: RedeemabilityReason;
}

/** The answer of `POST /rewards/{id}/redemptions` (201; a retry with the same key: 200, same body). */
export interface RedemptionCreated {
  id: string;
  /** The pickup code the mini-program draws as a QR. */
  code: string;
  status: 'awaiting_pickup';
  pointsSpent: number;
  /** The member's balance right after this redemption. */
  balance: number;
}

/** A redemption (`GET /me/redemptions`, fulfilment and cancellation answers). */
export interface Redemption {
  id: string;
  rewardId: string;
  reward: { name: string; kind: RewardKind; imageUrl: string | null };
  quantity: number;
  pointsSpent: number;
  code: string;
  status: RedemptionStatus;
  createdAt: string;
  fulfilledAt: string | null;
  /** The store where it was handed over. */
  fulfilledStoreId: string | null;
  /** When it was cancelled or returned. */
  cancelledAt: string | null;
}

/** `POST /redemptions/fulfilments`: what the clerk hands over, and to whom. */
export interface RedemptionFulfilled extends Redemption {
  status: 'fulfilled';
  member: { id: string; memberNo: string; name: string };
}

/** `POST /redemptions/{id}/cancellation`: the points given back and the balance now. */
export interface RedemptionCancelled extends Redemption {
  status: 'cancelled' | 'returned';
  pointsReturned: number;
  balance: number;
}

/** `POST /jobs/redemptions-expiry/runs`: how many redemptions this run gave back. */
export interface RedemptionsExpiryResult {
  job: 'redemptions-expiry';
  ranAt: string;
  effects: { returned: number };
}
