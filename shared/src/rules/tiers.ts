import { TIERS, type Tier } from '../enums/tier';
import type { ClubRules } from './club-rules';
import { assertMinorAmount } from './money';

/** Where a member stands on the tier ladder. */
export interface TierProgress {
  tier: Tier;
  /** The tier above, or null at the top. */
  nextTier: Tier | null;
  /** Minor units still to spend to reach `nextTier`; 0 at the top. */
  spendToNextTier: number;
  /** Share of the way from this tier's threshold to the next one, 0 ≤ progress < 1; exactly 1 at the top. */
  progress: number;
}

/** Negative when `a` ranks below `b`, 0 when equal, positive when above (for sorting). */
export function compareTiers(a: Tier, b: Tier): number {
  return TIERS.indexOf(a) - TIERS.indexOf(b);
}

/** True when `a` ranks strictly above `b`. */
export function isHigherTier(a: Tier, b: Tier): boolean {
  return compareTiers(a, b) > 0;
}

/** The highest tier whose threshold the qualifying spend (minor units) reaches. */
export function tierForSpend(spendMinor: number, rules: ClubRules): Tier {
  assertMinorAmount(spendMinor, 'spend');
  let reached: Tier = TIERS[0];
  for (const tier of TIERS) {
    if (spendMinor >= rules.tiers[tier].minSpend) reached = tier;
  }
  return reached;
}

/** The higher of two tiers. */
export function higherTier(a: Tier, b: Tier): Tier {
  return isHigherTier(b, a) ? b : a;
}

/** The tier after a purchase: an upgrade takes effect at once, a spend that fell never downgrades here. */
export function tierAfterPurchase(heldTier: Tier, spendMinor: number, rules: ClubRules): Tier {
  return higherTier(heldTier, tierForSpend(spendMinor, rules));
}

/** The tier after the yearly review: the spend's tier, but at most one tier below the tier held. */
export function tierAtReview(heldTier: Tier, spendMinor: number, rules: ClubRules): Tier {
  const earned = tierForSpend(spendMinor, rules);
  const floor = TIERS[Math.max(0, TIERS.indexOf(heldTier) - 1)];
  return higherTier(earned, floor);
}

/**
 * The tier for the spend (or `heldTier`, when the member keeps a higher one until the yearly review), the
 * tier above it, the spend still needed to reach that and the progress towards it.
 */
export function nextTierProgress(spendMinor: number, rules: ClubRules, heldTier?: Tier): TierProgress {
  const earned = tierForSpend(spendMinor, rules);
  const tier = heldTier === undefined ? earned : higherTier(earned, heldTier);
  const index = TIERS.indexOf(tier);
  const nextTier = index + 1 < TIERS.length ? TIERS[index + 1] : null;
  if (nextTier === null) return { tier, nextTier, spendToNextTier: 0, progress: 1 };
  const from = rules.tiers[tier].minSpend;
  const to = rules.tiers[nextTier].minSpend;
  return {
    tier,
    nextTier,
    spendToNextTier: to - spendMinor,
    // A member holding a tier above their spend has not started on the way to the next one.
    progress: Math.max(0, spendMinor - from) / (to - from),
  };
}
