import { DEFAULT_OPENING_HOURS, type WeeklyHours } from '../contracts/store-hours.contract';
import { WeeklyHoursSchema } from '../schemas/store-hours.schema';
import { addStoreMinutes } from './store-hours';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);
const due = (from: string, minutes: number, hours: WeeklyHours = DEFAULT_OPENING_HOURS, tz = SH) =>
  addStoreMinutes(at(from), minutes, hours, tz).toISOString();

// 2026-11-23 is a Monday.
const closedSunday: WeeklyHours = { ...DEFAULT_OPENING_HOURS, sun: null };
const closedMonTue: WeeklyHours = { ...DEFAULT_OPENING_HOURS, mon: null, tue: null };

describe('addStoreMinutes', () => {
  it.each<[string, string, number, string, WeeklyHours]>([
    ['inside hours', '2026-11-23T14:00:00+08:00', 15, '2026-11-23T06:15:00.000Z', DEFAULT_OPENING_HOURS],
    [
      'keeps the seconds',
      '2026-11-23T14:00:30.250+08:00',
      15,
      '2026-11-23T06:15:30.250Z',
      DEFAULT_OPENING_HOURS,
    ],
    ['3 h inside hours', '2026-11-23T11:00:00+08:00', 180, '2026-11-23T06:00:00.000Z', DEFAULT_OPENING_HOURS],
    [
      '21:55 + 15 min → 10:10 next day',
      '2026-11-23T21:55:00+08:00',
      15,
      '2026-11-24T02:10:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      '21:45 + 15 min ends at the close',
      '2026-11-23T21:45:00+08:00',
      15,
      '2026-11-23T14:00:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      '21:00 + 3 h → 12:00 next day',
      '2026-11-23T21:00:00+08:00',
      180,
      '2026-11-24T04:00:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'before opening starts at opening',
      '2026-11-23T07:30:00+08:00',
      15,
      '2026-11-23T02:15:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'after closing starts at next opening',
      '2026-11-23T23:59:00+08:00',
      180,
      '2026-11-24T05:00:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'exactly at opening',
      '2026-11-23T10:00:00+08:00',
      15,
      '2026-11-23T02:15:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'exactly at closing',
      '2026-11-23T22:00:00+08:00',
      15,
      '2026-11-24T02:15:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'Saturday night over a closed Sunday',
      '2026-11-28T21:55:00+08:00',
      15,
      '2026-11-30T02:10:00.000Z',
      closedSunday,
    ],
    ['on the closed day itself', '2026-11-29T12:00:00+08:00', 180, '2026-11-30T05:00:00.000Z', closedSunday],
    ['over two closed days', '2026-11-22T21:00:00+08:00', 180, '2026-11-25T04:00:00.000Z', closedMonTue],
    ['over the year end', '2026-12-31T21:55:00+08:00', 15, '2027-01-01T02:10:00.000Z', DEFAULT_OPENING_HOURS],
    ['over 28 February', '2027-02-28T21:55:00+08:00', 15, '2027-03-01T02:10:00.000Z', DEFAULT_OPENING_HOURS],
    ['over a leap day', '2028-02-28T21:55:00+08:00', 15, '2028-02-29T02:10:00.000Z', DEFAULT_OPENING_HOURS],
    [
      'zero minutes outside hours → next opening',
      '2026-11-23T06:00:00+08:00',
      0,
      '2026-11-23T02:00:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
    [
      'zero minutes inside hours → now',
      '2026-11-23T12:00:00+08:00',
      0,
      '2026-11-23T04:00:00.000Z',
      DEFAULT_OPENING_HOURS,
    ],
  ])('%s', (_name, from, minutes, expected, hours) => {
    expect(due(from, minutes, hours)).toBe(expected);
  });

  it('reads the weekday and the hours on the club clock, not UTC', () => {
    // 2026-11-29T16:30Z is Sunday 16:30 in UTC but Monday 00:30 in Shanghai: the Sunday closure is over.
    expect(due('2026-11-29T16:30:00Z', 15, closedSunday)).toBe('2026-11-30T02:15:00.000Z');
    expect(due('2026-11-29T16:30:00Z', 15, closedSunday, 'UTC')).toBe('2026-11-30T10:15:00.000Z');
  });

  it('counts wall hours across a DST change', () => {
    // New York springs forward on 2026-03-08 at 02:00; a 01:00–05:00 day has 3 real hours.
    const night: WeeklyHours = Object.fromEntries(
      Object.keys(DEFAULT_OPENING_HOURS).map((d) => [d, { open: '01:00', close: '05:00' }]),
    ) as WeeklyHours;
    const ny = 'America/New_York';
    expect(due('2026-03-08T01:30:00-05:00', 60, night, ny)).toBe('2026-03-08T07:30:00.000Z');
    expect(due('2026-03-08T04:30:00-04:00', 60, night, ny)).toBe('2026-03-09T05:30:00.000Z');
  });

  it('refuses a negative or fractional count and a week with no open day', () => {
    expect(() => due('2026-11-23T12:00:00Z', -1)).toThrow(RangeError);
    expect(() => due('2026-11-23T12:00:00Z', 1.5)).toThrow(RangeError);
    const never = Object.fromEntries(Object.keys(DEFAULT_OPENING_HOURS).map((d) => [d, null])) as WeeklyHours;
    expect(() => due('2026-11-23T12:00:00Z', 15, never)).toThrow(RangeError);
  });

  // The oracle walks the clock minute by minute, counting each minute the store is open. Shanghai keeps
  // UTC+8 all year, so its wall clock is the UTC clock moved 8 hours: no shared code involved.
  const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  function oracle(from: Date, minutes: number, hours: WeeklyHours): string {
    let t = from.getTime();
    let left = minutes;
    while (left > 0) {
      const wall = new Date(t + 8 * 3_600_000);
      const day = hours[DAYS[wall.getUTCDay()]];
      const clock = `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
      if (day && clock >= day.open && clock < day.close) left--;
      t += 60_000;
    }
    return new Date(t).toISOString();
  }

  it('agrees with a minute-by-minute walk for starts spread over a week, several weeks', () => {
    const weeks: WeeklyHours[] = [
      DEFAULT_OPENING_HOURS,
      closedSunday,
      closedMonTue,
      {
        ...DEFAULT_OPENING_HOURS,
        fri: { open: '09:30', close: '21:15' },
        sat: { open: '11:00', close: '24:00' },
      },
      {
        mon: { open: '00:00', close: '24:00' },
        tue: null,
        wed: null,
        thu: null,
        fri: null,
        sat: null,
        sun: { open: '12:00', close: '13:20' },
      },
    ];
    const STARTS = Math.ceil((7 * 24 * 60) / 37);
    let checked = 0;
    for (const hours of weeks) {
      // A 37-minute stride lands on every kind of minute (on the hour, mid-hour, odd) across the week.
      for (let q = 0; q < STARTS; q += 1) {
        const from = new Date(Date.parse('2026-11-22T16:00:00Z') + q * 37 * 60_000);
        for (const minutes of [1, 15, 180]) {
          if (oracle(from, minutes, hours) !== addStoreMinutes(from, minutes, hours, SH).toISOString()) {
            throw new Error(`${from.toISOString()} + ${minutes} min: ${JSON.stringify(hours)}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(weeks.length * STARTS * 3);
  });
});

describe('WeeklyHoursSchema', () => {
  it('takes a full week and refuses bad clocks, inverted hours, missing days and an all-closed week', () => {
    expect(WeeklyHoursSchema.parse(closedSunday)).toEqual(closedSunday);
    const bad = (week: unknown) => WeeklyHoursSchema.safeParse(week).success;
    expect(bad({ ...DEFAULT_OPENING_HOURS, mon: { open: '22:00', close: '10:00' } })).toBe(false);
    expect(bad({ ...DEFAULT_OPENING_HOURS, mon: { open: '9:00', close: '10:00' } })).toBe(false);
    expect(bad({ ...DEFAULT_OPENING_HOURS, mon: { open: '24:30', close: '10:00' } })).toBe(false);
    expect(bad({ ...DEFAULT_OPENING_HOURS, sun: undefined })).toBe(false);
    expect(bad({ ...DEFAULT_OPENING_HOURS, holiday: null })).toBe(false);
    expect(bad(Object.fromEntries(Object.keys(DEFAULT_OPENING_HOURS).map((d) => [d, null])))).toBe(false);
  });
});
