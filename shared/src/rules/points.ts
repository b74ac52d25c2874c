import type { Tier } from '../enums/tier';
import { BASIS_POINTS, MINOR_UNITS_PER_MAJOR, type ClubRules } from './club-rules';
import { assertMinorAmount, mulDivFloor } from './money';
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
  const scaled = amountMinor * rateBp;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`amount ${amountMinor} is too large to earn points`);
  // One floor over the whole product, so rounding never happens before the birthday multiplier.
  return mulDivFloor(scaled, multiplierBp, MINOR_UNITS_PER_MAJOR * BASIS_POINTS * BASIS_POINTS);
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
