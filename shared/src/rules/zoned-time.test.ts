import {
  addMonths,
  daysInMonth,
  isLeapYear,
  zonedDateParts,
  zonedEndOfMonth,
  zonedStartOfDay,
  type ZonedDate,
} from './zoned-time';

describe('zonedDateParts', () => {
  it.each<[string, string, ZonedDate]>([
    ['2026-03-31T16:30:00Z', 'Asia/Shanghai', { year: 2026, month: 4, day: 1 }],
    ['2026-03-31T15:59:59.999Z', 'Asia/Shanghai', { year: 2026, month: 3, day: 31 }],
    ['2026-03-31T16:30:00Z', 'UTC', { year: 2026, month: 3, day: 31 }],
    ['2026-03-31T16:30:00Z', 'America/Los_Angeles', { year: 2026, month: 3, day: 31 }],
    ['2026-04-01T06:59:59Z', 'America/Los_Angeles', { year: 2026, month: 3, day: 31 }],
    ['2026-12-31T16:00:00Z', 'Asia/Shanghai', { year: 2027, month: 1, day: 1 }],
    ['2026-12-31T10:00:00Z', 'Pacific/Kiritimati', { year: 2027, month: 1, day: 1 }],
    ['2024-02-29T12:00:00Z', 'Asia/Shanghai', { year: 2024, month: 2, day: 29 }],
    ['2026-06-15T16:00:00Z', 'Asia/Shanghai', { year: 2026, month: 6, day: 16 }],
  ])('%s in %s → %p', (iso, zone, expected) => {
    expect(zonedDateParts(new Date(iso), zone)).toEqual(expected);
  });

  it('refuses an invalid date', () => {
    expect(() => zonedDateParts(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('refuses an unknown zone', () => {
    expect(() => zonedDateParts(new Date(), 'Asia/Beijing')).toThrow(RangeError);
  });
});

describe('daysInMonth and isLeapYear', () => {
  it.each<[number, number, number]>([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [1900, 2, 28],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
    [50, 2, 28],
    [48, 2, 29],
  ])('%p-%p has %p days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
    if (month === 2) expect(isLeapYear(year)).toBe(days === 29);
  });
});

describe('addMonths', () => {
  it.each<[number, number, number, { year: number; month: number }]>([
    [2026, 1, 0, { year: 2026, month: 1 }],
    [2026, 1, 24, { year: 2028, month: 1 }],
    [2026, 12, 1, { year: 2027, month: 1 }],
    [2026, 11, 14, { year: 2028, month: 1 }],
    [2026, 1, -1, { year: 2025, month: 12 }],
    [2026, 3, -27, { year: 2023, month: 12 }],
  ])('%p-%p plus %p months → %p', (year, month, months, expected) => {
    expect(addMonths(year, month, months)).toEqual(expected);
  });
});

describe('zonedStartOfDay', () => {
  it.each<[ZonedDate, string, string]>([
    [{ year: 2026, month: 4, day: 1 }, 'Asia/Shanghai', '2026-03-31T16:00:00.000Z'],
    [{ year: 2027, month: 1, day: 1 }, 'Asia/Shanghai', '2026-12-31T16:00:00.000Z'],
    [{ year: 2026, month: 4, day: 1 }, 'UTC', '2026-04-01T00:00:00.000Z'],
    // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November 2026.
    [{ year: 2026, month: 3, day: 8 }, 'America/New_York', '2026-03-08T05:00:00.000Z'],
    [{ year: 2026, month: 3, day: 9 }, 'America/New_York', '2026-03-09T04:00:00.000Z'],
    [{ year: 2026, month: 11, day: 1 }, 'America/New_York', '2026-11-01T04:00:00.000Z'],
    [{ year: 2026, month: 11, day: 2 }, 'America/New_York', '2026-11-02T05:00:00.000Z'],
    [{ year: 2026, month: 1, day: 1 }, 'Asia/Kolkata', '2025-12-31T18:30:00.000Z'],
  ])('%p in %s → %s', (date, zone, expected) => {
    expect(zonedStartOfDay(date, zone).toISOString()).toBe(expected);
  });
});

describe('zonedStartOfDay on every day of 2024–2026, whatever the zone does with its clocks', () => {
  // Santiago and Beirut move their clocks at midnight, so some days there have no 00:00 at all; Lord Howe
  // moves by half an hour. The start of a day is the first instant on it: on the date, the instant before not.
  it.each([
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'America/Santiago',
    'Asia/Beirut',
    'Australia/Lord_Howe',
  ])('%s', (zone) => {
    for (let year = 2024; year <= 2026; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          const date = { year, month, day };
          const start = zonedStartOfDay(date, zone);
          const justBefore = zonedDateParts(new Date(start.getTime() - 1), zone);
          const isRight =
            JSON.stringify(zonedDateParts(start, zone)) === JSON.stringify(date) &&
            JSON.stringify(justBefore) !== JSON.stringify(date);
          if (!isRight) throw new Error(`${zone} ${JSON.stringify(date)} → ${start.toISOString()}`);
        }
      }
    }
  });
});

describe('zonedEndOfMonth', () => {
  it.each<[number, number, string, string]>([
    [2028, 2, 'Asia/Shanghai', '2028-02-29T15:59:59.999Z'],
    [2027, 2, 'Asia/Shanghai', '2027-02-28T15:59:59.999Z'],
    [2026, 12, 'Asia/Shanghai', '2026-12-31T15:59:59.999Z'],
    [2026, 4, 'Asia/Shanghai', '2026-04-30T15:59:59.999Z'],
    [2026, 3, 'America/New_York', '2026-04-01T03:59:59.999Z'],
    [2026, 12, 'UTC', '2026-12-31T23:59:59.999Z'],
  ])('%p-%p in %s ends at %s', (year, month, zone, expected) => {
    expect(zonedEndOfMonth(year, month, zone).toISOString()).toBe(expected);
  });
});
