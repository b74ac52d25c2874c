import { DEFAULT_CLUB_RULES } from '@vip-club/shared';
import type { MemberEntity } from './entities/member.entity';
import { birthdayOf, canSeeFullPhone, maskPhone, toCard, toMember } from './members.mapper';

function member(overrides: Partial<MemberEntity> = {}): MemberEntity {
  return {
    id: '7',
    memberNo: '123456782',
    name: '林小雨',
    gender: 'female',
    birthYear: null,
    birthMonth: 2,
    birthDay: 29,
    birthMd: 229,
    birthdaySetAt: new Date('2026-01-01T00:00:00Z'),
    phone: '13812345678',
    interests: [],
    occupation: null,
    storeId: '1',
    clerkId: '3',
    points: 120,
    tier: 'friend',
    qualifyingSpend: 0,
    referralCode: 'ABC234',
    referredByCode: null,
    consentMarketing: false,
    consentMarketingAt: null,
    joinedAt: new Date('2026-01-01T00:00:00Z'),
    erasedAt: null,
    ...overrides,
  };
}

describe('phone masking', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('shows the whole phone to managers, to clerks of the member’s store and to her own clerk only', () => {
    expect(canSeeFullPhone({ storeId: '1', clerkId: null }, { sub: '9', role: 'manager' })).toBe(true);
    expect(canSeeFullPhone({ storeId: '1', clerkId: null }, { sub: '9', role: 'clerk', storeId: '1' })).toBe(
      true,
    );
    expect(canSeeFullPhone({ storeId: '1', clerkId: null }, { sub: '9', role: 'clerk', storeId: '2' })).toBe(
      false,
    );
    expect(canSeeFullPhone({ storeId: null, clerkId: null }, { sub: '9', role: 'clerk', storeId: '2' })).toBe(
      false,
    );
    expect(canSeeFullPhone({ storeId: '1', clerkId: '9' }, { sub: '9', role: 'clerk', storeId: '2' })).toBe(
      true,
    );
    expect(canSeeFullPhone({ storeId: '1', clerkId: '8' }, { sub: '9', role: 'clerk', storeId: '2' })).toBe(
      false,
    );
    expect(toMember(member(), { sub: '9', role: 'clerk', storeId: '2' }).phone).toBe('138****5678');
    expect(toMember(member()).phone).toBe('13812345678');
  });
});

describe('birthdays', () => {
  it('prints MM-DD without a year and YYYY-MM-DD with one, and null when unset', () => {
    expect(birthdayOf(member())).toBe('02-29');
    expect(birthdayOf(member({ birthYear: 1990, birthMonth: 5, birthDay: 7 }))).toBe('1990-05-07');
    expect(birthdayOf(member({ birthMonth: null, birthDay: null }))).toBeNull();
  });
});

describe('the member card', () => {
  it('shows the way from the spend to the next tier', () => {
    expect(toCard(member({ qualifyingSpend: 250_000 }), DEFAULT_CLUB_RULES)).toEqual({
      memberNo: '123456782',
      tier: 'friend',
      points: 120,
      nextTier: 'silver',
      spendToNextTier: 50_000,
      qualifyingSpend: 250_000,
      progress: 250_000 / 300_000,
    });
  });

  it('at exactly 3,000.00 the next tier is gold', () => {
    const card = toCard(member({ tier: 'silver', qualifyingSpend: 300_000 }), DEFAULT_CLUB_RULES);
    expect(card).toMatchObject({ tier: 'silver', nextTier: 'gold', spendToNextTier: 700_000, progress: 0 });
  });

  it('for a tier held above the spend (kept until the yearly review), counts from the held tier', () => {
    const card = toCard(member({ tier: 'gold', qualifyingSpend: 100_000 }), DEFAULT_CLUB_RULES);
    expect(card).toMatchObject({
      tier: 'gold',
      nextTier: 'diamond',
      spendToNextTier: 2_900_000,
      progress: 0,
    });
  });

  it('at the top tier there is nothing left to spend', () => {
    const card = toCard(member({ tier: 'diamond', qualifyingSpend: 5_000_000 }), DEFAULT_CLUB_RULES);
    expect(card).toMatchObject({ tier: 'diamond', nextTier: null, spendToNextTier: 0, progress: 1 });
  });
});
