import {
  ageBandOf,
  eventMemberState,
  invitesEveryone,
  isEligibleForEvent,
  refundsPointsOnCancel,
  registrationPhase,
  type EventAudienceMember,
  type RegistrationWindowRule,
} from './event-eligibility';

const TZ = 'Asia/Shanghai';
// 2026-06-15 12:00 in Shanghai.
const NOW = new Date('2026-06-15T04:00:00.000Z');

function member(overrides: Partial<EventAudienceMember> = {}): EventAudienceMember {
  return {
    id: '7',
    tier: 'gold',
    gender: 'female',
    birthday: { year: 1996, month: 3, day: 8 },
    interests: ['茶艺', 'Travel'],
    storeId: '2',
    ...overrides,
  };
}

describe('isEligibleForEvent', () => {
  it('invites everyone when no criterion is given', () => {
    expect(isEligibleForEvent(member(), {}, NOW, TZ)).toBe(true);
    expect(invitesEveryone({ tiers: [], interests: [] })).toBe(true);
    expect(invitesEveryone({ tiers: ['gold'] })).toBe(false);
  });

  it.each([
    ['tier', { tiers: ['silver', 'diamond'] as const }],
    ['gender', { genders: ['male'] as const }],
    ['store', { storeIds: ['3'] }],
    ['age band', { ageBands: ['under_25', '35_39'] as const }],
    ['interest', { interests: ['旅行'] }],
  ])('refuses a member outside the %s criterion', (_name, rule) => {
    expect(isEligibleForEvent(member(), rule, NOW, TZ)).toBe(false);
  });

  it('needs every criterion given, and any value within each', () => {
    const rule = {
      tiers: ['gold', 'diamond'] as const,
      genders: ['female'] as const,
      ageBands: ['30_34'] as const,
    };
    expect(isEligibleForEvent(member(), rule, NOW, TZ)).toBe(true);
    expect(isEligibleForEvent(member({ tier: 'silver' }), rule, NOW, TZ)).toBe(false);
  });

  it('matches interests without regard to case or spaces', () => {
    expect(isEligibleForEvent(member(), { interests: [' travel'] }, NOW, TZ)).toBe(true);
  });

  it('puts a member without a birth year in no age band, yet invites them when no age is asked', () => {
    const noYear = member({ birthday: { month: 3, day: 8 } });
    expect(isEligibleForEvent(noYear, { ageBands: ['30_34'] }, NOW, TZ)).toBe(false);
    expect(isEligibleForEvent(member({ birthday: null }), { ageBands: ['30_34'] }, NOW, TZ)).toBe(false);
    expect(isEligibleForEvent(noYear, { genders: ['female'] }, NOW, TZ)).toBe(true);
  });

  it('moves a member into the next band on their birthday in the club time zone', () => {
    const turning30 = member({ birthday: { year: 1996, month: 6, day: 16 } });
    const rule = { ageBands: ['30_34'] as const };
    // 2026-06-15 23:59:59 in Shanghai: still 29.
    expect(isEligibleForEvent(turning30, rule, new Date('2026-06-15T15:59:59.000Z'), TZ)).toBe(false);
    // 2026-06-16 00:00 in Shanghai: 30.
    expect(isEligibleForEvent(turning30, rule, new Date('2026-06-15T16:00:00.000Z'), TZ)).toBe(true);
  });

  it('invites a hand-picked member whatever the criteria', () => {
    expect(
      isEligibleForEvent(member({ tier: 'friend' }), { tiers: ['diamond'], memberIds: ['7'] }, NOW, TZ),
    ).toBe(true);
  });

  it('invites only the hand-picked members when no other criterion is given', () => {
    const picked = { memberIds: ['7'] };
    expect(isEligibleForEvent(member({ id: '7' }), picked, NOW, TZ)).toBe(true);
    expect(isEligibleForEvent(member({ id: '8' }), picked, NOW, TZ)).toBe(false);
    expect(isEligibleForEvent(member({ id: '8' }), { memberIds: [] }, NOW, TZ)).toBe(true);
  });

  it.each([
    [0, 'under_25'],
    [24, 'under_25'],
    [25, '25_29'],
    [34, '30_34'],
    [39, '35_39'],
    [49, '40_49'],
    [50, '50_plus'],
  ] as const)('age %i is in band %s', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});

describe('registrationPhase', () => {
  const window: RegistrationWindowRule = {
    priorityOpensAt: new Date('2026-06-01T02:00:00.000Z'),
    priorityTiers: ['gold', 'diamond'],
    opensAt: new Date('2026-06-03T02:00:00.000Z'),
    closesAt: new Date('2026-06-10T02:00:00.000Z'),
  };
  const at = (iso: string) => new Date(iso);

  it('opens to priority tiers at the second of priorityOpensAt, to others at opensAt', () => {
    expect(registrationPhase(window, 'gold', at('2026-06-01T01:59:59.999Z'))).toBe('not_yet');
    expect(registrationPhase(window, 'gold', at('2026-06-01T02:00:00.000Z'))).toBe('priority');
    expect(registrationPhase(window, 'silver', at('2026-06-01T02:00:00.000Z'))).toBe('not_yet');
    expect(registrationPhase(window, 'silver', at('2026-06-03T01:59:59.999Z'))).toBe('not_yet');
    expect(registrationPhase(window, 'silver', at('2026-06-03T02:00:00.000Z'))).toBe('open');
    expect(registrationPhase(window, 'gold', at('2026-06-03T02:00:00.000Z'))).toBe('open');
  });

  it('closes for everyone at the second of closesAt', () => {
    expect(registrationPhase(window, 'gold', at('2026-06-10T01:59:59.999Z'))).toBe('open');
    expect(registrationPhase(window, 'gold', at('2026-06-10T02:00:00.000Z'))).toBe('closed');
    expect(refundsPointsOnCancel(window, at('2026-06-10T01:59:59.999Z'))).toBe(true);
    expect(refundsPointsOnCancel(window, at('2026-06-10T02:00:00.000Z'))).toBe(false);
  });

  it('gives no early start without priority tiers', () => {
    const plain = { opensAt: window.opensAt, closesAt: window.closesAt };
    expect(registrationPhase(plain, 'diamond', at('2026-06-02T00:00:00.000Z'))).toBe('not_yet');
  });

  it('shows a member the state that matters to them', () => {
    const base = {
      status: 'published' as const,
      endsAt: at('2026-06-20T00:00:00.000Z'),
      window,
      tier: 'silver' as const,
    };
    expect(eventMemberState({ ...base, seatsLeft: 5, now: at('2026-06-02T00:00:00.000Z') })).toBe('upcoming');
    expect(
      eventMemberState({ ...base, tier: 'gold', seatsLeft: 5, now: at('2026-06-02T00:00:00.000Z') }),
    ).toBe('priority');
    expect(eventMemberState({ ...base, seatsLeft: 5, now: at('2026-06-05T00:00:00.000Z') })).toBe('open');
    expect(eventMemberState({ ...base, seatsLeft: 0, now: at('2026-06-05T00:00:00.000Z') })).toBe('full');
    expect(eventMemberState({ ...base, seatsLeft: 5, now: at('2026-06-12T00:00:00.000Z') })).toBe('closed');
    expect(eventMemberState({ ...base, seatsLeft: 5, now: at('2026-06-21T00:00:00.000Z') })).toBe('ended');
    expect(
      eventMemberState({ ...base, status: 'cancelled', seatsLeft: 5, now: at('2026-06-05T00:00:00.000Z') }),
    ).toBe('cancelled');
  });
});
