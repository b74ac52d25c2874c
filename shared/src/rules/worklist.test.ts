import {
  clubDaysBetween,
  daysUntilBirthday,
  isMembershipAnniversary,
  WORKLIST_CALL_ME_DAYS,
  worklistReasons,
  type WorklistFacts,
} from './worklist';

const TZ = 'Asia/Shanghai';
/** Noon in Shanghai on the given date. */
const at = (date: string) => new Date(`${date}T12:00:00+08:00`);
const DAY = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

const now = at('2026-11-23');
const quiet: WorklistFacts = {
  birthday: null,
  joinedAt: at('2024-06-10'),
  lastPurchaseAt: daysBefore(now, 30),
  lastContactAt: daysBefore(now, 30),
  purchasesNearCleaning: [],
  hasOpenFollowUp: false,
  lastCallMeAt: null,
};
const reasons = (facts: Partial<WorklistFacts>, when = now) =>
  worklistReasons({ ...quiet, ...facts }, when, TZ);

describe('club days', () => {
  it('counts calendar dates in the club time zone, not 24-hour spans', () => {
    // 23:30 and 00:30 the next morning in Shanghai are one day apart although an hour passed.
    expect(clubDaysBetween(new Date('2026-11-22T15:30:00Z'), new Date('2026-11-22T16:30:00Z'), TZ)).toBe(1);
    expect(clubDaysBetween(new Date('2026-11-22T16:30:00Z'), new Date('2026-11-23T15:59:00Z'), TZ)).toBe(0);
    expect(clubDaysBetween(at('2025-12-31'), at('2026-01-01'), TZ)).toBe(1);
    expect(clubDaysBetween(at('2024-02-28'), at('2024-03-01'), TZ)).toBe(2);
  });
});

describe('birthday coming', () => {
  it.each([
    ['11-23', 0, true],
    ['11-30', 7, true],
    ['12-01', 8, false],
    ['11-22', 364, false],
  ])('birthday %s is %i days away (on the list: %s)', (md, days, listed) => {
    const [month, day] = md.split('-').map(Number);
    expect(daysUntilBirthday({ month, day }, now, TZ)).toBe(days);
    expect(reasons({ birthday: { month, day } }).includes('birthday')).toBe(listed);
  });

  it('looks across the new year', () => {
    expect(daysUntilBirthday({ month: 1, day: 2 }, at('2026-12-28'), TZ)).toBe(5);
  });

  it('keeps a leap-day birthday on 28 February in other years, and on 29 February in leap years', () => {
    const leap = { month: 2, day: 29 };
    expect(daysUntilBirthday(leap, at('2027-02-21'), TZ)).toBe(7);
    expect(daysUntilBirthday(leap, at('2027-02-28'), TZ)).toBe(0);
    expect(reasons({ birthday: leap }, at('2027-02-20'))).not.toContain('birthday');
    expect(reasons({ birthday: leap }, at('2027-02-21'))).toContain('birthday');
    expect(daysUntilBirthday(leap, at('2028-02-22'), TZ)).toBe(7);
    expect(daysUntilBirthday(leap, at('2028-02-29'), TZ)).toBe(0);
    expect(daysUntilBirthday(leap, at('2027-03-01'), TZ)).toBe(365);
  });

  it('uses the club date: just after midnight in Shanghai is already the next day', () => {
    const justAfterMidnight = new Date('2026-11-22T16:05:00Z'); // 2026-11-23 00:05 in Shanghai
    expect(daysUntilBirthday({ month: 11, day: 30 }, justAfterMidnight, TZ)).toBe(7);
  });
});

describe('membership anniversary', () => {
  it('is the joining date in a later year, today only', () => {
    expect(isMembershipAnniversary(at('2024-11-23'), now, TZ)).toBe(true);
    expect(isMembershipAnniversary(at('2024-11-22'), now, TZ)).toBe(false);
    expect(isMembershipAnniversary(at('2024-11-24'), now, TZ)).toBe(false);
    expect(isMembershipAnniversary(at('2026-11-23'), now, TZ)).toBe(false);
  });

  it('keeps a 29 February joining on 28 February in other years', () => {
    expect(isMembershipAnniversary(at('2024-02-29'), at('2027-02-28'), TZ)).toBe(true);
    expect(isMembershipAnniversary(at('2024-02-29'), at('2028-02-28'), TZ)).toBe(false);
    expect(isMembershipAnniversary(at('2024-02-29'), at('2028-02-29'), TZ)).toBe(true);
  });
});

describe('welcome', () => {
  it.each([
    [0, null, true],
    [6, null, true],
    [7, null, false],
    [2, 1, false],
  ])('joined %i days ago, last contact %s days ago → %s', (joined, contacted, listed) => {
    const facts = {
      joinedAt: daysBefore(now, joined),
      lastPurchaseAt: null,
      lastContactAt: contacted === null ? null : daysBefore(now, contacted),
    };
    expect(reasons(facts).includes('welcome')).toBe(listed);
  });
});

describe('cleaning due six months after a purchase', () => {
  it.each([
    [179, false],
    [180, true],
    [183, true],
    [186, true],
    [187, false],
  ])('purchase %i days ago → %s', (days, listed) => {
    expect(reasons({ purchasesNearCleaning: [daysBefore(now, days)] }).includes('cleaning')).toBe(listed);
  });

  it('is due when any one purchase is in the window', () => {
    const purchases = [daysBefore(now, 178), daysBefore(now, 185), daysBefore(now, 190)];
    expect(reasons({ purchasesNearCleaning: purchases })).toEqual(['cleaning']);
  });
});

describe('dormant', () => {
  it.each([
    [90, 90, true],
    [89, 200, false],
    [200, 89, false],
    [null, null, true],
    [null, 95, true],
  ])('last purchase %s days ago, last contact %s days ago → %s', (purchase, contact, listed) => {
    const facts = {
      lastPurchaseAt: purchase === null ? null : daysBefore(now, purchase),
      lastContactAt: contact === null ? null : daysBefore(now, contact),
    };
    expect(reasons(facts).includes('dormant')).toBe(listed);
  });

  it('is never said of a member who joined less than 90 days ago', () => {
    expect(reasons({ joinedAt: daysBefore(now, 89), lastPurchaseAt: null, lastContactAt: null })).toEqual([]);
    expect(reasons({ joinedAt: daysBefore(now, 90), lastPurchaseAt: null, lastContactAt: null })).toEqual([
      'dormant',
    ]);
  });
});

describe('all together', () => {
  it('gives nothing for a quiet member', () => {
    expect(reasons({})).toEqual([]);
  });

  it('lists every reason that holds, in the fixed order', () => {
    expect(
      reasons({
        hasOpenFollowUp: true,
        birthday: { month: 11, day: 25 },
        joinedAt: at('2025-11-23'),
        lastPurchaseAt: daysBefore(now, 183),
        lastContactAt: null,
        purchasesNearCleaning: [daysBefore(now, 183)],
      }),
    ).toEqual(['follow_up', 'birthday', 'anniversary', 'cleaning', 'dormant']);
  });

  it('an open follow-up alone is enough', () => {
    expect(reasons({ hasOpenFollowUp: true })).toEqual(['follow_up']);
  });
});

describe('call me', () => {
  it('lists a member who asked to be called until someone contacts them after the request', () => {
    const asked = daysBefore(now, 2);
    expect(reasons({ lastCallMeAt: asked, lastContactAt: daysBefore(now, 30) })).toEqual(['call_me']);
    expect(reasons({ lastCallMeAt: asked, lastContactAt: null })).toEqual(['call_me']);
    expect(reasons({ lastCallMeAt: asked, lastContactAt: asked })).toEqual(['call_me']);
    expect(reasons({ lastCallMeAt: asked, lastContactAt: new Date(asked.getTime() + 1) })).toEqual([]);
    expect(reasons({ lastCallMeAt: null })).toEqual([]);
  });

  it('lapses after WORKLIST_CALL_ME_DAYS club days unanswered: day 29 still listed, day 30 not', () => {
    expect(WORKLIST_CALL_ME_DAYS).toBe(30);
    // Club days, not 24-hour spans: 23:59 in Shanghai 29 dates ago is still in, 23:59 thirty dates ago out.
    const lastMinute = new Date('2026-10-25T23:59:00+08:00');
    const firstMinute = new Date('2026-10-24T23:59:00+08:00');
    expect(clubDaysBetween(lastMinute, now, TZ)).toBe(29);
    expect(reasons({ lastCallMeAt: lastMinute, lastContactAt: null })).toEqual(['call_me']);
    expect(clubDaysBetween(firstMinute, now, TZ)).toBe(30);
    expect(reasons({ lastCallMeAt: firstMinute, lastContactAt: null })).toEqual([]);
  });

  it('comes first, before every other reason', () => {
    expect(
      reasons({ lastCallMeAt: daysBefore(now, 1), hasOpenFollowUp: true, birthday: { month: 11, day: 24 } }),
    ).toEqual(['call_me', 'follow_up', 'birthday']);
  });
});
