import type { Tier } from '../enums/tier';
import { TIERS } from '../enums/tier';
import { DEFAULT_CLUB_RULES, type ClubRules } from './club-rules';
import { pointsExpiryAt, pointsForPurchase, referralRewardsFor } from './points';

const rules = DEFAULT_CLUB_RULES;

describe('pointsForPurchase', () => {
  it.each<[number, Tier, boolean, number]>([
    // 1,288.00 in each tier, without and with the birthday month.
    [128_800, 'friend', false, 1288],
    [128_800, 'silver', false, 1545], // 1288 × 1.2 = 1545.6 → 1545
    [128_800, 'gold', false, 1932],
    [128_800, 'diamond', false, 2576],
    [128_800, 'friend', true, 2576],
    // ×2 before rounding down: 1288 × 1.2 × 2 = 3091.2 → 3091, not 1545 × 2 = 3090.
    [128_800, 'silver', true, 3091],
    [128_800, 'gold', true, 3864],
    [128_800, 'diamond', true, 5152],
    // Rounding down per purchase at the edge of each tier's first point.
    [99, 'friend', false, 0],
    [100, 'friend', false, 1],
    [199, 'friend', false, 1],
    [83, 'silver', false, 0], // 0.996
    [84, 'silver', false, 1], // 1.008
    [66, 'gold', false, 0], // 0.99
    [67, 'gold', false, 1], // 1.005
    [49, 'diamond', false, 0], // 0.98
    [50, 'diamond', false, 1],
    [49, 'friend', true, 0], // 0.98
    [50, 'friend', true, 1],
    [41, 'silver', true, 0], // 0.984
    [42, 'silver', true, 1], // 1.008
    [24, 'diamond', true, 0], // 0.96
    [25, 'diamond', true, 1],
    // Zero is zero everywhere.
    [0, 'friend', false, 0],
    [0, 'diamond', true, 0],
    // Large amounts stay exact: 10,000,000,000.00 at diamond in the birthday month.
    [1_000_000_000_000, 'diamond', true, 40_000_000_000],
    [999_999_999_999, 'silver', false, 11_999_999_999], // 11,999,999,999.988 → down
  ])('%p minor at %s (birthday month: %p) → %p points', (amountMinor, tier, isBirthdayMonth, expected) => {
    expect(pointsForPurchase({ amountMinor, tier, isBirthdayMonth }, rules)).toBe(expected);
  });

  it('matches an exact integer reference for every amount up to 30.00, every tier, both months', () => {
    for (const tier of TIERS) {
      for (const isBirthdayMonth of [false, true]) {
        const rate = BigInt(rules.tiers[tier].earnRateBp);
        const multiplier = BigInt(isBirthdayMonth ? rules.birthdayMultiplierBp : 10_000);
        for (let amountMinor = 0; amountMinor <= 3000; amountMinor++) {
          const expected = Number((BigInt(amountMinor) * rate * multiplier) / 10_000_000_000n);
          const actual = pointsForPurchase({ amountMinor, tier, isBirthdayMonth }, rules);
          if (actual !== expected) throw new Error(`${amountMinor} at ${tier}: ${actual} ≠ ${expected}`);
        }
      }
    }
  });

  it('applies a manager’s fractional birthday multiplier before rounding down', () => {
    const custom: ClubRules = { ...rules, birthdayMultiplierBp: 15_000 };
    // 1288 × 1.2 × 1.5 = 2318.4
    expect(pointsForPurchase({ amountMinor: 128_800, tier: 'silver', isBirthdayMonth: true }, custom)).toBe(
      2318,
    );
    expect(pointsForPurchase({ amountMinor: 128_800, tier: 'silver', isBirthdayMonth: false }, custom)).toBe(
      1545,
    );
  });

  it.each([[-1], [-128_800], [0.5], [128_800.01], [Number.NaN], [Infinity], ['128800' as unknown as number]])(
    'refuses amount %p',
    (amountMinor) => {
      expect(() => pointsForPurchase({ amountMinor, tier: 'friend', isBirthdayMonth: false }, rules)).toThrow(
        RangeError,
      );
    },
  );

  it.each(TIERS)('stays exact up to the largest safe amount at %s, both months', (tier) => {
    const amountMinor = Number.MAX_SAFE_INTEGER;
    for (const isBirthdayMonth of [false, true]) {
      const multiplier = BigInt(isBirthdayMonth ? rules.birthdayMultiplierBp : 10_000);
      const expected =
        (BigInt(amountMinor) * BigInt(rules.tiers[tier].earnRateBp) * multiplier) / 10_000_000_000n;
      expect(pointsForPurchase({ amountMinor, tier, isBirthdayMonth }, rules)).toBe(Number(expected));
    }
  });

  it('refuses an amount whose points cannot be counted exactly', () => {
    // 100 points per 1.00, ×10 in the birthday month: 2^53 minor units would earn about 9 × 10^16 points.
    const generous: ClubRules = {
      ...rules,
      birthdayMultiplierBp: 100_000,
      tiers: { ...rules.tiers, diamond: { minSpend: 3_000_000, earnRateBp: 1_000_000 } },
    };
    expect(() =>
      pointsForPurchase(
        { amountMinor: Number.MAX_SAFE_INTEGER, tier: 'diamond', isBirthdayMonth: true },
        generous,
      ),
    ).toThrow(RangeError);
  });

  it('stays exact with rates that share no factor with 100 × 10000²', () => {
    const odd: ClubRules = {
      ...rules,
      birthdayMultiplierBp: 10_001,
      tiers: { ...rules.tiers, gold: { minSpend: 1_000_000, earnRateBp: 10_001 } },
    };
    for (const amountMinor of [1, 99, 128_800, 999_999_999, 123_456_789_012_345, Number.MAX_SAFE_INTEGER]) {
      const expected = Number((BigInt(amountMinor) * 10_001n * 10_001n) / 10_000_000_000n);
      expect(pointsForPurchase({ amountMinor, tier: 'gold', isBirthdayMonth: true }, odd)).toBe(expected);
    }
  });

  it('refuses an unknown tier', () => {
    expect(() =>
      pointsForPurchase({ amountMinor: 100, tier: 'platinum' as Tier, isBirthdayMonth: false }, rules),
    ).toThrow(RangeError);
  });
});

describe('pointsExpiryAt', () => {
  it.each<[string, string, string]>([
    ['mid-month', '2026-01-15T04:00:00Z', '2028-01-31T15:59:59.999Z'],
    ['last instant of March in Shanghai', '2026-03-31T15:59:59.999Z', '2028-03-31T15:59:59.999Z'],
    [
      'first instant of April in Shanghai, still March in UTC',
      '2026-03-31T16:00:00Z',
      '2028-04-30T15:59:59.999Z',
    ],
    [
      'earned in February, expires at the end of a leap February',
      '2026-02-10T04:00:00Z',
      '2028-02-29T15:59:59.999Z',
    ],
    [
      'earned in February, expires at the end of a common February',
      '2025-02-10T04:00:00Z',
      '2027-02-28T15:59:59.999Z',
    ],
    ['earned on a leap day', '2024-02-29T04:00:00Z', '2026-02-28T15:59:59.999Z'],
    ['earned on 31 December', '2026-12-31T15:59:59.999Z', '2028-12-31T15:59:59.999Z'],
    [
      'earned on New Year in Shanghai, still 31 December in UTC',
      '2026-12-31T16:00:00Z',
      '2029-01-31T15:59:59.999Z',
    ],
  ])('%s: %s → %s', (_name, earnedAt, expiresAt) => {
    expect(pointsExpiryAt(new Date(earnedAt), rules).toISOString()).toBe(expiresAt);
  });

  it.each<[string, string, string]>([
    ['UTC', '2026-03-31T16:30:00Z', '2028-03-31T23:59:59.999Z'],
    // New York keeps winter time at the end of January and summer time at the end of March.
    ['America/New_York', '2026-01-10T12:00:00Z', '2028-02-01T04:59:59.999Z'],
    ['America/New_York', '2026-03-15T12:00:00Z', '2028-04-01T03:59:59.999Z'],
  ])('in %s: %s → %s', (timeZone, earnedAt, expiresAt) => {
    expect(pointsExpiryAt(new Date(earnedAt), rules, timeZone).toISOString()).toBe(expiresAt);
  });

  it('follows the points life a manager sets', () => {
    const custom: ClubRules = { ...rules, pointsLifeMonths: 1 };
    expect(pointsExpiryAt(new Date('2026-01-31T15:00:00Z'), custom).toISOString()).toBe(
      '2026-02-28T15:59:59.999Z',
    );
  });

  it('is always followed, one millisecond later, by midnight on the 1st in the club zone', () => {
    for (let month = 0; month < 12; month++) {
      const expiresAt = pointsExpiryAt(new Date(Date.UTC(2026, month, 15)), rules);
      const next = new Date(expiresAt.getTime() + 1 + 8 * 3600_000); // Shanghai has no DST: +08:00
      expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes(), next.getUTCMonth()]).toEqual([
        1,
        0,
        0,
        (month + 1) % 12,
      ]);
    }
  });

  it('refuses an invalid date', () => {
    expect(() => pointsExpiryAt(new Date('not a date'), rules)).toThrow(RangeError);
  });
});

describe('referralRewardsFor', () => {
  it.each<[number, { referrerPoints: number; referredPoints: number } | null]>([
    [0, null],
    [99_999, null],
    [100_000, { referrerPoints: 500, referredPoints: 200 }],
    [100_001, { referrerPoints: 500, referredPoints: 200 }],
  ])('first purchase %p → %p', (amount, expected) => {
    expect(referralRewardsFor(amount, rules)).toEqual(expected);
  });

  it('refuses a negative amount', () => {
    expect(() => referralRewardsFor(-1, rules)).toThrow(RangeError);
  });
});
