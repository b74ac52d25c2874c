import {
  ageOn,
  birthdayInYear,
  formatBirthday,
  isBirthdayMonth,
  isBirthdayToday,
  parseBirthday,
  type Birthday,
} from './birthday';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('parseBirthday', () => {
  it.each<[string, Birthday]>([
    ['01-01', { month: 1, day: 1 }],
    ['12-31', { month: 12, day: 31 }],
    ['04-30', { month: 4, day: 30 }],
    ['02-28', { month: 2, day: 28 }],
    ['02-29', { month: 2, day: 29 }],
    ['1990-04-30', { year: 1990, month: 4, day: 30 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['1999-12-31', { year: 1999, month: 12, day: 31 }],
  ])('%s → %p', (text, expected) => {
    expect(parseBirthday(text)).toEqual(expected);
  });

  it('leaves the year out entirely when it was not given', () => {
    expect(Object.keys(parseBirthday('06-15') ?? {})).toEqual(['month', 'day']);
  });

  it.each([
    '02-30',
    '02-31',
    '04-31',
    '06-31',
    '09-31',
    '11-31',
    '01-32',
    '13-01',
    '00-10',
    '01-00',
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '0000-01-01',
    '2024-13-01',
    '2024-2-29',
    '2-29',
    '0229',
    '02/29',
    '2024/02/29',
    '12345-01-01',
    ' 02-28',
    '02-28 ',
    '02-28\n',
    'ab-cd',
    '',
  ])('rejects %p', (text) => {
    expect(parseBirthday(text)).toBeNull();
  });
});

describe('formatBirthday', () => {
  it.each(['01-01', '02-29', '12-31', '1990-04-30', '2024-02-29'])('round-trips %s', (text) => {
    expect(formatBirthday(parseBirthday(text)!)).toBe(text);
  });
});

describe('birthdayInYear', () => {
  it.each<[string, number, string]>([
    ['02-29', 2024, '2024-02-29'],
    ['02-29', 2025, '2025-02-28'],
    ['02-29', 2000, '2000-02-29'],
    ['02-29', 2100, '2100-02-28'],
    ['1996-02-29', 2023, '2023-02-28'],
    ['1996-02-29', 2028, '2028-02-29'],
    ['02-28', 2024, '2024-02-28'],
    ['03-01', 2025, '2025-03-01'],
    ['12-31', 2026, '2026-12-31'],
  ])('%s in %p is celebrated on %s', (birthday, year, expected) => {
    const { month, day } = birthdayInYear(birthday, year);
    expect(formatBirthday({ year, month, day })).toBe(expected);
  });

  it('takes a parsed birthday as well as text', () => {
    expect(birthdayInYear({ month: 2, day: 29 }, 2027)).toEqual({ year: 2027, month: 2, day: 28 });
  });

  it('refuses text that is not a birthday', () => {
    expect(() => birthdayInYear('02-30', 2024)).toThrow(RangeError);
  });
});

describe('isBirthdayMonth in Asia/Shanghai (UTC+8)', () => {
  it.each<[string, string, boolean]>([
    // The last instant of March in Shanghai and the first of April, both still 31 March in UTC.
    ['03-15', '2026-03-31T15:59:59.999Z', true],
    ['03-15', '2026-03-31T16:00:00.000Z', false],
    ['03-15', '2026-03-31T16:30:00.000Z', false],
    ['04-02', '2026-03-31T16:30:00.000Z', true],
    ['04-02', '2026-03-31T15:59:59.999Z', false],
    // The first instant of March in Shanghai is still 28 February in UTC.
    ['03-31', '2026-02-28T16:00:00.000Z', true],
    ['03-31', '2026-02-28T15:59:59.999Z', false],
    ['02-29', '2026-02-28T15:59:59.999Z', true],
    ['02-29', '2026-02-28T16:00:00.000Z', false],
    // The year turns in Shanghai eight hours before it does in UTC.
    ['12-25', '2026-12-31T15:59:59.999Z', true],
    ['12-25', '2026-12-31T16:00:00.000Z', false],
    ['01-05', '2026-12-31T16:00:00.000Z', true],
    ['01-05', '2026-12-31T15:59:59.999Z', false],
    ['1990-12-25', '2026-12-10T04:00:00.000Z', true],
  ])('%s at %s → %p', (birthday, now, expected) => {
    expect(isBirthdayMonth(birthday, at(now), SHANGHAI)).toBe(expected);
  });

  it('depends on the zone: the same instant is March in UTC and April in Shanghai', () => {
    const now = at('2026-03-31T16:30:00Z');
    expect(isBirthdayMonth('03-15', now, 'UTC')).toBe(true);
    expect(isBirthdayMonth('03-15', now, SHANGHAI)).toBe(false);
  });

  it('refuses text that is not a birthday', () => {
    expect(() => isBirthdayMonth('13-01', at('2026-01-01T00:00:00Z'), SHANGHAI)).toThrow(RangeError);
  });
});

describe('isBirthdayToday in Asia/Shanghai', () => {
  it.each<[string, string, boolean]>([
    ['06-01', '2026-05-31T15:59:59.999Z', false],
    ['06-01', '2026-05-31T16:00:00.000Z', true],
    ['06-01', '2026-06-01T15:59:59.999Z', true],
    ['06-01', '2026-06-01T16:00:00.000Z', false],
    // Leap-day birthdays: 29 February in leap years, 28 February otherwise, never 1 March.
    ['02-29', '2024-02-28T04:00:00.000Z', false],
    ['02-29', '2024-02-29T04:00:00.000Z', true],
    ['02-29', '2025-02-28T04:00:00.000Z', true],
    ['02-29', '2025-02-28T15:59:59.999Z', true],
    ['02-29', '2025-02-28T16:00:00.000Z', false],
    ['02-29', '2025-03-01T04:00:00.000Z', false],
    ['02-28', '2024-02-28T04:00:00.000Z', true],
    ['02-28', '2024-02-29T04:00:00.000Z', false],
    // Year turn.
    ['01-01', '2026-12-31T16:00:00.000Z', true],
    ['12-31', '2026-12-31T16:00:00.000Z', false],
    ['12-31', '2026-12-31T15:59:59.999Z', true],
    ['1990-06-01', '2026-05-31T16:00:00.000Z', true],
  ])('%s at %s → %p', (birthday, now, expected) => {
    expect(isBirthdayToday(birthday, at(now), SHANGHAI)).toBe(expected);
  });
});

describe('ageOn in Asia/Shanghai', () => {
  it.each<[string, string, number | null]>([
    ['06-01', '2026-06-01T04:00:00Z', null],
    ['1990-06-01', '2026-05-31T15:59:59.999Z', 35],
    ['1990-06-01', '2026-05-31T16:00:00.000Z', 36],
    ['1990-06-01', '2026-12-31T04:00:00.000Z', 36],
    ['2000-01-01', '2025-12-31T15:59:59.999Z', 25],
    ['2000-01-01', '2025-12-31T16:00:00.000Z', 26],
    ['2000-02-29', '2024-02-28T04:00:00.000Z', 23],
    ['2000-02-29', '2024-02-29T04:00:00.000Z', 24],
    ['2000-02-29', '2025-02-27T04:00:00.000Z', 24],
    ['2000-02-29', '2025-02-28T04:00:00.000Z', 25],
    ['2026-05-01', '2026-05-01T04:00:00.000Z', 0],
  ])('%s at %s → %p', (birthday, now, expected) => {
    expect(ageOn(birthday, at(now), SHANGHAI)).toBe(expected);
  });
});
