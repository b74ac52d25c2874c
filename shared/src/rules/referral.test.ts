import { DEFAULT_CLUB_RULES } from './club-rules';
import { REFERRAL_MONTHLY_CAP, maskReferredName, referralPurchaseOutcome } from './referral';

describe('referralPurchaseOutcome', () => {
  it('pays the referrer 500 and the referred 200 for a purchase of exactly 1,000.00', () => {
    expect(referralPurchaseOutcome({ amountMinor: 100_000, rewardedThisMonth: 0 }, DEFAULT_CLUB_RULES)).toEqual({
      kind: 'reward',
      referrerPoints: 500,
      referredPoints: 200,
    });
  });

  it('leaves the referral waiting for a purchase one fen short of 1,000.00', () => {
    expect(referralPurchaseOutcome({ amountMinor: 99_999, rewardedThisMonth: 0 }, DEFAULT_CLUB_RULES)).toEqual({
      kind: 'none',
    });
  });

  it('pays the tenth referral of the month and refuses the eleventh', () => {
    const at = (rewardedThisMonth: number) =>
      referralPurchaseOutcome({ amountMinor: 200_000, rewardedThisMonth }, DEFAULT_CLUB_RULES).kind;
    expect(at(REFERRAL_MONTHLY_CAP - 1)).toBe('reward');
    expect(at(REFERRAL_MONTHLY_CAP)).toBe('refuse');
  });

  it('does not count a small purchase against the cap', () => {
    expect(
      referralPurchaseOutcome({ amountMinor: 500, rewardedThisMonth: REFERRAL_MONTHLY_CAP }, DEFAULT_CLUB_RULES),
    ).toEqual({ kind: 'none' });
  });
});

describe('maskReferredName', () => {
  it.each([
    ['林小雨', '林**'],
    ['Ann Lee', 'A**'],
    ['𠀋小', '𠀋**'],
    ['', '***'],
  ])('%s → %s', (name, masked) => {
    expect(maskReferredName(name)).toBe(masked);
  });
});
