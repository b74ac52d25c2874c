import { z } from 'zod';
import { TIERS, type Tier } from '../enums/tier';

/** Basis points: 10000 bp = 1 (rates and multipliers are integers so points math never meets float error). */
export const BASIS_POINTS = 10_000;

/** Minor units in 1.00 of the club currency (CNY and the other currencies we may meet have two decimals). */
export const MINOR_UNITS_PER_MAJOR = 100;

/** What a tier asks for and what it earns. */
export interface TierRule {
  /** Qualifying spend over the tier window, in minor units, from which the tier applies. */
  minSpend: number;
  /** Points per 1.00 spent, in basis points (10000 = 1 point per 1.00, 12000 = 1.2). */
  earnRateBp: number;
}

/** The club's configurable rules (contract, "Default club rules"); managers may change them. */
export interface ClubRules {
  /** ISO 4217 code of the club currency. */
  currency: string;
  /** IANA time zone in which "today", "this month" and birthdays are reckoned. */
  timeZone: string;
  /** Per tier, in the order of `TIERS`: thresholds strictly increasing, the first at 0. */
  tiers: Record<Tier, TierRule>;
  /** Months of qualifying spend that count towards a tier. */
  tierWindowMonths: number;
  /** Multiplier on points earned in the member's birthday month, in basis points (20000 = ×2). */
  birthdayMultiplierBp: number;
  /** Each earning expires at the end of this many-th month after the month it was earned. */
  pointsLifeMonths: number;
  /** Referral rewards, paid once when the referred member's first purchase qualifies. */
  referral: {
    referrerPoints: number;
    referredPoints: number;
    /** Smallest first purchase, in minor units, that earns the rewards. */
    minFirstPurchase: number;
  };
}

/** The contract's default club rules. */
export const DEFAULT_CLUB_RULES: ClubRules = Object.freeze({
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  tiers: Object.freeze({
    friend: Object.freeze({ minSpend: 0, earnRateBp: 10_000 }),
    silver: Object.freeze({ minSpend: 300_000, earnRateBp: 12_000 }),
    gold: Object.freeze({ minSpend: 1_000_000, earnRateBp: 15_000 }),
    diamond: Object.freeze({ minSpend: 3_000_000, earnRateBp: 20_000 }),
  }),
  tierWindowMonths: 12,
  birthdayMultiplierBp: 20_000,
  pointsLifeMonths: 24,
  referral: Object.freeze({ referrerPoints: 500, referredPoints: 200, minFirstPurchase: 100_000 }),
});

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Upper bounds keep every points computation inside exact integer range (see points.ts).
const MAX_RATE_BP = 100 * BASIS_POINTS;
const MAX_MULTIPLIER_BP = 10 * BASIS_POINTS;

const minorAmount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const points = z.number().int().nonnegative().max(1_000_000_000);

/** Validates one tier's rule. */
export const TierRuleSchema = z
  .object({
    minSpend: minorAmount,
    earnRateBp: z.number().int().positive().max(MAX_RATE_BP),
  })
  .strict();

const tierRulesShape = Object.fromEntries(TIERS.map((tier) => [tier, TierRuleSchema])) as Record<
  Tier,
  typeof TierRuleSchema
>;

/** Validates a whole club rules document (thresholds strictly increasing from 0, rates and multipliers positive). */
export const ClubRulesSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
    timeZone: z.string().min(1).max(64).refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    tiers: z.object(tierRulesShape).strict(),
    tierWindowMonths: z.number().int().min(1).max(120),
    birthdayMultiplierBp: z.number().int().positive().max(MAX_MULTIPLIER_BP),
    pointsLifeMonths: z.number().int().min(1).max(1200),
    referral: z
      .object({ referrerPoints: points, referredPoints: points, minFirstPurchase: minorAmount })
      .strict(),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const first = TIERS[0];
    if (rules.tiers[first].minSpend !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', first, 'minSpend'],
        message: `the ${first} tier starts at 0`,
      });
    }
    for (let i = 1; i < TIERS.length; i++) {
      const lower = TIERS[i - 1];
      const tier = TIERS[i];
      if (rules.tiers[tier].minSpend <= rules.tiers[lower].minSpend) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', tier, 'minSpend'],
          message: `must be more than the ${lower} threshold`,
        });
      }
    }
  });
