import { TIERS, type Tier } from '../enums/tier';
import { DEFAULT_CLUB_RULES, type ClubRules } from './club-rules';
import { compareTiers, isHigherTier, nextTierProgress, tierForSpend } from './tiers';

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
});

describe('compareTiers and isHigherTier', () => {
  const pairs = TIERS.flatMap((a, i) => TIERS.map((b, j) => [a, b, Math.sign(i - j)] as const));

  it.each(pairs)('%s vs %s → %p', (a, b, sign) => {
    expect(Math.sign(compareTiers(a, b))).toBe(sign);
    expect(isHigherTier(a, b)).toBe(sign > 0);
  });

  it('sorts tiers lowest first', () => {
    expect((['diamond', 'friend', 'gold', 'silver'] as Tier[]).sort(compareTiers)).toEqual([...TIERS]);
  });
});
