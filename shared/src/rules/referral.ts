import type { ClubRules } from './club-rules';
import { referralRewardsFor } from './points';

/** Rewarded referrals a referrer may earn in one club month; past it a referral is refused (`monthly_cap`). */
export const REFERRAL_MONTHLY_CAP = 10;

/**
 * Why a referral earns nothing: refused when bound (`clerk_own_store`: the code is a clerk's own phone's and
 * the new member joins at that clerk's store), or when the cap was reached at the qualifying purchase.
 */
export const REFERRAL_REFUSALS = [
  'self',
  'already_member',
  'phone_was_member',
  'clerk_own_store',
  'monthly_cap',
] as const;
/** One of {@link REFERRAL_REFUSALS}. */
export type ReferralRefusal = (typeof REFERRAL_REFUSALS)[number];

/** What a bound referral's purchase leads to. */
export type ReferralPurchaseOutcome =
  | { kind: 'none' }
  | { kind: 'reward'; referrerPoints: number; referredPoints: number }
  | { kind: 'refuse'; reason: 'monthly_cap' };

/**
 * A purchase by a bound referred member: the first one of at least the rules' minimum pays both,
 * unless the referrer has had `cap` referrals rewarded in this club month already. A smaller
 * purchase leaves the referral waiting for a qualifying one.
 */
export function referralPurchaseOutcome(
  input: { amountMinor: number; rewardedThisMonth: number },
  rules: ClubRules,
  cap: number = REFERRAL_MONTHLY_CAP,
): ReferralPurchaseOutcome {
  const rewards = referralRewardsFor(input.amountMinor, rules);
  if (!rewards) return { kind: 'none' };
  if (input.rewardedThisMonth >= cap) return { kind: 'refuse', reason: 'monthly_cap' };
  return { kind: 'reward', ...rewards };
}

/** A referred member's name as their referrer sees it: the first character, then `**` (林小雨 → 林**). */
export function maskReferredName(name: string): string {
  const first = Array.from(name.trim())[0];
  return `${first ?? '*'}**`;
}
