import { TIERS, type Tier } from '../enums/tier';
import { REDEEMABILITY_REASONS } from '../contracts/rewards.contract';
import { redeemability, type RedeemabilityInput, type RedeemableReward } from './reward-eligibility';

const NOW = new Date('2026-06-15T04:00:00.000Z');

function reward(overrides: Partial<RedeemableReward> = {}): RedeemableReward {
  return {
    pointsCost: 500,
    stockLeft: 10,
    perMemberLimit: 3,
    tiers: [],
    availableFrom: new Date('2026-06-01T00:00:00.000Z'),
    availableTo: new Date('2026-07-01T00:00:00.000Z'),
    ...overrides,
  };
}

function input(overrides: Partial<RedeemabilityInput> = {}): RedeemabilityInput {
  return {
    reward: reward(),
    member: { tier: 'silver', spendablePoints: 10_000 },
    alreadyRedeemed: 0,
    quantity: 1,
    now: NOW,
    ...overrides,
  };
}

describe('redeemability', () => {
  it('lets a member of any tier redeem an open reward in stock within their limit and points', () => {
    expect(redeemability(input())).toEqual({ redeemable: true });
  });

  describe('tiers', () => {
    it.each(TIERS)('an empty tier list admits %s', (tier) => {
      expect(redeemability(input({ member: { tier, spendablePoints: 500 } }))).toEqual({ redeemable: true });
    });

    const restricted: Tier[] = ['gold', 'diamond'];
    it.each(TIERS.map((tier) => [tier, restricted.includes(tier)] as const))(
      'a gold-and-diamond reward: %s → admitted %p',
      (tier, admitted) => {
        const answer = redeemability(
          input({ reward: reward({ tiers: restricted }), member: { tier, spendablePoints: 500 } }),
        );
        expect(answer).toEqual(
          admitted ? { redeemable: true } : { redeemable: false, reason: 'NOT_ELIGIBLE' },
        );
      },
    );
  });

  describe('the window [availableFrom, availableTo)', () => {
    const from = new Date('2026-06-01T00:00:00.000Z');
    const to = new Date('2026-07-01T00:00:00.000Z');
    it.each([
      ['a millisecond before it opens', new Date(from.getTime() - 1), 'NOT_AVAILABLE_YET'],
      ['the moment it opens', from, null],
      ['a millisecond before it closes', new Date(to.getTime() - 1), null],
      ['the moment it closes', to, 'EXPIRED'],
      ['a year later', new Date('2027-07-01T00:00:00.000Z'), 'EXPIRED'],
    ] as const)('%s', (_label, now, reason) => {
      expect(redeemability(input({ now }))).toEqual(
        reason === null ? { redeemable: true } : { redeemable: false, reason },
      );
    });
  });

  describe('stock', () => {
    it.each([
      [0, 1, 'OUT_OF_STOCK'],
      [1, 1, null],
      [2, 3, 'OUT_OF_STOCK'],
      [3, 3, null],
    ] as const)('%p left, %p wanted', (stockLeft, quantity, reason) => {
      const answer = redeemability(input({ reward: reward({ stockLeft }), quantity }));
      expect(answer).toEqual(reason === null ? { redeemable: true } : { redeemable: false, reason });
    });
  });

  describe('per-member limit', () => {
    it.each([
      [0, 3, null],
      [0, 4, 'LIMIT_REACHED'],
      [2, 1, null],
      [3, 1, 'LIMIT_REACHED'],
      [2, 2, 'LIMIT_REACHED'],
    ] as const)('%p held, %p wanted, limit 3', (alreadyRedeemed, quantity, reason) => {
      const answer = redeemability(
        input({ reward: reward({ perMemberLimit: 3 }), alreadyRedeemed, quantity }),
      );
      expect(answer).toEqual(reason === null ? { redeemable: true } : { redeemable: false, reason });
    });
  });

  describe('points', () => {
    it.each([
      [1_000, 2, null],
      [999, 2, 'POINTS_INSUFFICIENT'],
      [500, 1, null],
      [499, 1, 'POINTS_INSUFFICIENT'],
      [0, 1, 'POINTS_INSUFFICIENT'],
      [-1, 1, 'POINTS_INSUFFICIENT'],
    ] as const)('%p spendable, %p wanted at 500 each', (spendablePoints, quantity, reason) => {
      const answer = redeemability(input({ member: { tier: 'friend', spendablePoints }, quantity }));
      expect(answer).toEqual(reason === null ? { redeemable: true } : { redeemable: false, reason });
    });

    it('a balance below zero never redeems, even a reward it would seem to afford', () => {
      // A cost of 0 cannot be created, but the rule must not rely on that.
      const answer = redeemability(
        input({ reward: reward({ pointsCost: 0 }), member: { tier: 'gold', spendablePoints: -5 } }),
      );
      expect(answer).toEqual({ redeemable: false, reason: 'POINTS_INSUFFICIENT' });
    });
  });

  describe('the first reason that applies wins, in the documented order', () => {
    // Every reason at once, then lift them one by one: each step reveals the next reason.
    const allWrong = (): RedeemabilityInput => ({
      reward: reward({
        tiers: ['diamond'],
        stockLeft: 0,
        perMemberLimit: 1,
        availableFrom: new Date(NOW.getTime() + 1),
      }),
      member: { tier: 'friend', spendablePoints: 0 },
      alreadyRedeemed: 1,
      quantity: 1,
      now: NOW,
    });

    it('orders the reasons as REDEEMABILITY_REASONS lists them', () => {
      const seen: string[] = [];
      const state = allWrong();
      const lifts: Array<(s: RedeemabilityInput) => void> = [
        (s) => (s.member = { ...s.member, tier: 'diamond' }),
        (s) => (s.reward = { ...s.reward, availableFrom: new Date(NOW.getTime() - 1), availableTo: NOW }),
        (s) => (s.reward = { ...s.reward, availableTo: new Date(NOW.getTime() + 1) }),
        (s) => (s.reward = { ...s.reward, stockLeft: 1 }),
        (s) => (s.alreadyRedeemed = 0),
        (s) => (s.member = { ...s.member, spendablePoints: 500 }),
      ];
      for (const lift of lifts) {
        const answer = redeemability(state);
        if (answer.redeemable) throw new Error('redeemable too early');
        seen.push(answer.reason);
        lift(state);
      }
      expect(seen).toEqual([...REDEEMABILITY_REASONS]);
      expect(redeemability(state)).toEqual({ redeemable: true });
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a nonsensical quantity %p', (quantity) => {
    expect(() => redeemability(input({ quantity }))).toThrow(RangeError);
  });
});
