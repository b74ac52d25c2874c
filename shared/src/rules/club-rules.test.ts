import { TIERS } from '../enums/tier';
import { ClubRulesSchema, DEFAULT_CLUB_RULES, isValidTimeZone, type ClubRules } from './club-rules';

// A deep, mutable copy to break in one place per case.
function rulesWith(change: (rules: ClubRules) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_CLUB_RULES)) as ClubRules;
  change(copy);
  return copy;
}

function issuePaths(input: unknown): string[] {
  const result = ClubRulesSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('DEFAULT_CLUB_RULES', () => {
  it('holds the contract defaults', () => {
    expect(DEFAULT_CLUB_RULES).toEqual({
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      tiers: {
        friend: { minSpend: 0, earnRateBp: 10_000 },
        silver: { minSpend: 300_000, earnRateBp: 12_000 },
        gold: { minSpend: 1_000_000, earnRateBp: 15_000 },
        diamond: { minSpend: 3_000_000, earnRateBp: 20_000 },
      },
      tierWindowMonths: 12,
      birthdayMultiplierBp: 20_000,
      pointsLifeMonths: 24,
      referral: { referrerPoints: 500, referredPoints: 200, minFirstPurchase: 100_000 },
    });
  });

  it('has a rule for every tier, in tier order', () => {
    expect(Object.keys(DEFAULT_CLUB_RULES.tiers)).toEqual([...TIERS]);
  });

  it('cannot be changed by accident at run time', () => {
    expect(Object.isFrozen(DEFAULT_CLUB_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLUB_RULES.tiers.silver)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLUB_RULES.referral)).toBe(true);
  });

  it('passes its own schema unchanged', () => {
    const parsed: ClubRules = ClubRulesSchema.parse(DEFAULT_CLUB_RULES);
    expect(parsed).toEqual(DEFAULT_CLUB_RULES);
  });
});

describe('ClubRulesSchema', () => {
  it('accepts a manager’s changed but coherent rules', () => {
    const changed = rulesWith((r) => {
      r.tiers.silver = { minSpend: 500_000, earnRateBp: 12_500 };
      r.tiers.gold.minSpend = 500_001;
      r.birthdayMultiplierBp = 15_000;
      r.timeZone = 'Europe/London';
      r.currency = 'HKD';
      r.pointsLifeMonths = 12;
    });
    expect(ClubRulesSchema.safeParse(changed).success).toBe(true);
  });

  it.each<[string, string, (r: ClubRules) => void]>([
    ['friend not at 0', 'tiers.friend.minSpend', (r) => void (r.tiers.friend.minSpend = 1)],
    ['silver equal to friend', 'tiers.silver.minSpend', (r) => void (r.tiers.silver.minSpend = 0)],
    ['gold below silver', 'tiers.gold.minSpend', (r) => void (r.tiers.gold.minSpend = 299_999)],
    ['gold equal to silver', 'tiers.gold.minSpend', (r) => void (r.tiers.gold.minSpend = 300_000)],
    ['diamond equal to gold', 'tiers.diamond.minSpend', (r) => void (r.tiers.diamond.minSpend = 1_000_000)],
    ['negative threshold', 'tiers.silver.minSpend', (r) => void (r.tiers.silver.minSpend = -1)],
    ['fractional threshold', 'tiers.silver.minSpend', (r) => void (r.tiers.silver.minSpend = 300_000.5)],
    ['zero earn rate', 'tiers.gold.earnRateBp', (r) => void (r.tiers.gold.earnRateBp = 0)],
    ['negative earn rate', 'tiers.gold.earnRateBp', (r) => void (r.tiers.gold.earnRateBp = -15_000)],
    ['fractional earn rate', 'tiers.gold.earnRateBp', (r) => void (r.tiers.gold.earnRateBp = 1.5)],
    ['absurd earn rate', 'tiers.gold.earnRateBp', (r) => void (r.tiers.gold.earnRateBp = 10_000_000)],
    ['zero birthday multiplier', 'birthdayMultiplierBp', (r) => void (r.birthdayMultiplierBp = 0)],
    ['negative birthday multiplier', 'birthdayMultiplierBp', (r) => void (r.birthdayMultiplierBp = -2)],
    ['fractional birthday multiplier', 'birthdayMultiplierBp', (r) => void (r.birthdayMultiplierBp = 2.5)],
    ['unknown time zone', 'timeZone', (r) => void (r.timeZone = 'Mars/Olympus_Mons')],
    ['empty time zone', 'timeZone', (r) => void (r.timeZone = '')],
    ['lower-case currency', 'currency', (r) => void (r.currency = 'cny')],
    ['zero points life', 'pointsLifeMonths', (r) => void (r.pointsLifeMonths = 0)],
    ['zero tier window', 'tierWindowMonths', (r) => void (r.tierWindowMonths = 0)],
    ['negative referral reward', 'referral.referrerPoints', (r) => void (r.referral.referrerPoints = -500)],
    [
      'fractional qualifying purchase',
      'referral.minFirstPurchase',
      (r) => void (r.referral.minFirstPurchase = 0.5),
    ],
  ])('rejects %s at %s', (_name, path, change) => {
    expect(issuePaths(rulesWith(change))).toContain(path);
  });

  it('rejects a missing tier', () => {
    const input = rulesWith((r) => void delete (r.tiers as Partial<ClubRules['tiers']>).diamond);
    expect(issuePaths(input)).toContain('tiers.diamond');
  });

  it.each([
    ['an unknown tier', (r: Record<string, unknown>) => ((r.tiers as Record<string, unknown>).platinum = {})],
    ['an unknown field', (r: Record<string, unknown>) => (r.pointsPerYuan = 1)],
  ])('rejects %s', (_name, change) => {
    const input = rulesWith((r) => void change(r as unknown as Record<string, unknown>));
    expect(ClubRulesSchema.safeParse(input).success).toBe(false);
  });

  it('names every broken threshold at once', () => {
    const input = rulesWith((r) => {
      r.tiers.gold.minSpend = 200_000;
      r.tiers.diamond.minSpend = 100_000;
    });
    expect(issuePaths(input)).toEqual(['tiers.gold.minSpend', 'tiers.diamond.minSpend']);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Asia/Beijing', false],
    ['', false],
    ['+08:00 please', false],
  ])('%p → %p', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});
