import type { Tier } from '../enums/tier';
import { BASIS_POINTS, MINOR_UNITS_PER_MAJOR, type ClubRules } from './club-rules';
import { assertMinorAmount, floorDiv, mulDivRem } from './money';
import { addMonths, zonedDateParts, zonedEndOfMonth } from './zoned-time';

/** What decides the points for one purchase. */
export interface PurchasePointsInput {
  /** Amount paid, in minor units (128800 is 1,288.00). */
  amountMinor: number;
  /** The member's tier when the purchase is made. */
  tier: Tier;
  /** Whether the purchase falls in the member's birthday month (in the club time zone). */
  isBirthdayMonth: boolean;
}

/**
 * Points earned by one purchase: amount × tier rate × (birthday multiplier), rounded down once, per
 * purchase, after the multiplier (1,288.00 at silver in the birthday month: 1288 × 1.2 × 2 = 3091.2 → 3091).
 */
export function pointsForPurchase(input: PurchasePointsInput, rules: ClubRules): number {
  const { amountMinor, tier, isBirthdayMonth } = input;
  assertMinorAmount(amountMinor);
  const rateBp = rules.tiers[tier]?.earnRateBp;
  if (rateBp === undefined) throw new RangeError(`unknown tier ${String(tier)}`);
  const multiplierBp = isBirthdayMonth ? rules.birthdayMultiplierBp : BASIS_POINTS;
  // One floor over the whole of amount × rate × multiplier / (100 × 10000 × 10000), so rounding never
  // happens before the birthday multiplier. The product can pass 2^53, so it is taken in exact steps:
  // amount × rate = q1·d1 + r1, then q1 × multiplier = q2·d2 + r2, and what is left over,
  // (r2·d1 + r1·multiplier) / (d1·d2), is small enough to divide directly.
  const d1 = MINOR_UNITS_PER_MAJOR * BASIS_POINTS;
  const d2 = BASIS_POINTS;
  const first = mulDivRem(amountMinor, rateBp, d1);
  const second = mulDivRem(first.quotient, multiplierBp, d2);
  const points = second.quotient + floorDiv(second.remainder * d1 + first.remainder * multiplierBp, d1 * d2);
  if (!Number.isSafeInteger(points))
    throw new RangeError(`amount ${amountMinor} earns too many points to count`);
  return points;
}

/**
 * When points earned at `earnedAt` expire: the last millisecond of the `pointsLifeMonths`-th month after
 * the month they were earned, on the club's wall clock (earned 2026-01-15 → 2028-01-31T23:59:59.999+08:00).
 */
export function pointsExpiryAt(earnedAt: Date, rules: ClubRules, timeZone: string = rules.timeZone): Date {
  const earned = zonedDateParts(earnedAt, timeZone);
  const last = addMonths(earned.year, earned.month, rules.pointsLifeMonths);
  return zonedEndOfMonth(last.year, last.month, timeZone);
}

/** Referral rewards earned by a referred member's first purchase, or null when it is too small to qualify. */
export function referralRewardsFor(
  firstPurchaseMinor: number,
  rules: ClubRules,
): { referrerPoints: number; referredPoints: number } | null {
  assertMinorAmount(firstPurchaseMinor);
  const { referrerPoints, referredPoints, minFirstPurchase } = rules.referral;
  return firstPurchaseMinor >= minFirstPurchase ? { referrerPoints, referredPoints } : null;
}
