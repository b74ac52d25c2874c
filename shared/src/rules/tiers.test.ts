import { TIERS, type Tier } from '../enums/tier';
import { DEFAULT_CLUB_RULES, type ClubRules } from './club-rules';
import {
  compareTiers,
  higherTier,
  isHigherTier,
  nextTierProgress,
  tierAfterPurchase,
  tierAtReview,
  tierForSpend,
} from './tiers';

const rules = DEFAULT_CLUB_RULES;

describe('tierForSpend', () => {
  it.each<[number, Tier]>([
    [0, 'friend'],
    [1, 'friend'],
    [299_999, 'friend'],
    [300_000, 'silver'],
    [300_001, 'silver'],
    [999_999, 'silver'],
    [1_000_000, 'gold'],
    [1_000_001, 'gold'],
    [2_999_999, 'gold'],
    [3_000_000, 'diamond'],
    [3_000_001, 'diamond'],
    [Number.MAX_SAFE_INTEGER, 'diamond'],
  ])('spend %p → %s', (spend, tier) => {
    expect(tierForSpend(spend, rules)).toBe(tier);
  });

  it.each([[-1], [0.5], [299_999.99], [Number.NaN], [Infinity], [Number.MAX_SAFE_INTEGER + 1]])(
    'refuses spend %p',
    (spend) => {
      expect(() => tierForSpend(spend, rules)).toThrow(RangeError);
    },
  );

  it('follows the thresholds a manager sets', () => {
    const custom: ClubRules = {
      ...rules,
      tiers: {
        friend: { minSpend: 0, earnRateBp: 10_000 },
        silver: { minSpend: 100, earnRateBp: 10_000 },
        gold: { minSpend: 200, earnRateBp: 10_000 },
        diamond: { minSpend: 300, earnRateBp: 10_000 },
      },
    };
    expect([99, 100, 199, 200, 299, 300].map((s) => tierForSpend(s, custom))).toEqual([
      'friend',
      'silver',
      'silver',
      'gold',
      'gold',
      'diamond',
    ]);
  });
});

describe('nextTierProgress', () => {
  it.each<[number, Tier, Tier | null, number, number]>([
    [0, 'friend', 'silver', 300_000, 0],
    [150_000, 'friend', 'silver', 150_000, 0.5],
    [299_999, 'friend', 'silver', 1, 299_999 / 300_000],
    [300_000, 'silver', 'gold', 700_000, 0],
    [650_000, 'silver', 'gold', 350_000, 0.5],
    [999_999, 'silver', 'gold', 1, 699_999 / 700_000],
    [1_000_000, 'gold', 'diamond', 2_000_000, 0],
    [2_000_000, 'gold', 'diamond', 1_000_000, 0.5],
    [2_999_999, 'gold', 'diamond', 1, 1_999_999 / 2_000_000],
    [3_000_000, 'diamond', null, 0, 1],
    [50_000_000, 'diamond', null, 0, 1],
  ])('spend %p → %s, next %s, %p to go, progress %p', (spend, tier, nextTier, spendToNextTier, progress) => {
    expect(nextTierProgress(spend, rules)).toEqual({ tier, nextTier, spendToNextTier, progress });
  });

  it.each([0, 1, 123_456, 299_999, 300_000, 300_001, 999_999, 1_000_000, 2_999_999])(
    'spend %p plus spendToNextTier lands exactly on the next tier, no sooner',
    (spend) => {
      const { tier, nextTier, spendToNextTier, progress } = nextTierProgress(spend, rules);
      expect(progress).toBeGreaterThanOrEqual(0);
      expect(progress).toBeLessThan(1);
      expect(tierForSpend(spend + spendToNextTier, rules)).toBe(nextTier);
      expect(tierForSpend(spend + spendToNextTier - 1, rules)).toBe(tier);
    },
  );

  it('refuses a negative spend', () => {
    expect(() => nextTierProgress(-1, rules)).toThrow(RangeError);
  });

  it.each<[number, Tier, Tier, Tier | null, number, number]>([
    // A gold member whose window spend fell to 2,000.00 keeps gold until the review: diamond is still 28,000.00 away.
    [200_000, 'gold', 'gold', 'diamond', 2_800_000, 0],
    [999_999, 'gold', 'gold', 'diamond', 2_000_001, 0],
    [0, 'diamond', 'diamond', null, 0, 1],
    // A held tier below what the spend has reached does not hold the member back.
    [1_500_000, 'silver', 'gold', 'diamond', 1_500_000, 0.25],
    [300_000, 'silver', 'silver', 'gold', 700_000, 0],
    [299_999, 'friend', 'friend', 'silver', 1, 299_999 / 300_000],
  ])(
    'spend %p while holding %s → %s, next %s, %p to go, progress %p',
    (spend, held, tier, nextTier, spendToNextTier, progress) => {
      expect(nextTierProgress(spend, rules, held)).toEqual({ tier, nextTier, spendToNextTier, progress });
    },
  );
});

describe('tierAfterPurchase and tierAtReview', () => {
  it.each<[Tier, number, Tier, Tier]>([
    // held, window spend, after a purchase, at the yearly review
    ['friend', 0, 'friend', 'friend'],
    ['friend', 300_000, 'silver', 'silver'],
    ['friend', 3_000_000, 'diamond', 'diamond'],
    ['silver', 299_999, 'silver', 'friend'],
    ['silver', 300_000, 'silver', 'silver'],
    ['gold', 999_999, 'gold', 'silver'],
    ['gold', 0, 'gold', 'silver'], // at most one tier down, however little was spent
    ['diamond', 0, 'diamond', 'gold'],
    ['diamond', 2_999_999, 'diamond', 'gold'],
    ['diamond', 3_000_000, 'diamond', 'diamond'],
    ['silver', 1_000_000, 'gold', 'gold'],
  ])(
    'holding %s with spend %p: %s after a purchase, %s at the review',
    (held, spend, afterPurchase, atReview) => {
      expect(tierAfterPurchase(held, spend, rules)).toBe(afterPurchase);
      expect(tierAtReview(held, spend, rules)).toBe(atReview);
    },
  );
});

describe('compareTiers and isHigherTier', () => {
  const pairs = TIERS.flatMap((a, i) => TIERS.map((b, j) => [a, b, Math.sign(i - j)] as const));

  it.each(pairs)('%s vs %s → %p', (a, b, sign) => {
    expect(Math.sign(compareTiers(a, b))).toBe(sign);
    expect(isHigherTier(a, b)).toBe(sign > 0);
    expect(higherTier(a, b)).toBe(sign >= 0 ? a : b);
  });

  it('sorts tiers lowest first', () => {
    expect((['diamond', 'friend', 'gold', 'silver'] as Tier[]).sort(compareTiers)).toEqual([...TIERS]);
  });
});
