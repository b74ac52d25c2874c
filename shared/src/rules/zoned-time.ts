/** A calendar date as seen on the wall in some time zone (month 1–12). */
export interface ZonedDate {
  year: number;
  month: number;
  day: number;
}

interface ZonedDateTime extends ZonedDate {
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat is costly and the club uses one or two zones, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertValidDate(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('expected a valid Date');
  }
}

function zonedDateTimeParts(instant: Date, timeZone: string): ZonedDateTime {
  assertValidDate(instant);
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    // Years before the common era come back as "1 BC", "2 BC"…; astronomical numbering keeps arithmetic simple.
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    // Some engines print midnight as "24" even with hourCycle h23.
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** The calendar date of `now` on the wall in `timeZone` (e.g. 2026-03-31T16:30Z is 2026-04-01 in Asia/Shanghai). */
export function zonedDateParts(now: Date, timeZone: string): ZonedDate {
  const { year, month, day } = zonedDateTimeParts(now, timeZone);
  return { year, month, day };
}

/** Milliseconds since the epoch of a UTC wall time, valid for any year (Date.UTC maps years 0–99 to 1900s). */
function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** How far ahead of UTC the wall clock in `timeZone` is at `epochMillis`, in milliseconds. */
function zoneOffsetMillis(epochMillis: number, timeZone: string): number {
  const wall = zonedDateTimeParts(new Date(epochMillis), timeZone);
  const wallAsUtc = utcMillis(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (epochMillis - (((epochMillis % 1000) + 1000) % 1000));
}

/** The first instant of the given date on the wall clock of `timeZone` (midnight, or later where a DST change skips it). */
export function zonedStartOfDay(date: ZonedDate, timeZone: string): Date {
  const wall = utcMillis(date.year, date.month, date.day);
  // Wall midnight less the offset, with the offset read either at the guess or at the first answer: across a
  // DST change one of the two is right. Where the zone skips midnight itself (Santiago, Beirut), the day starts
  // at the end of the gap, which is the earlier candidate that already lies on the date.
  const first = wall - zoneOffsetMillis(wall, timeZone);
  const second = wall - zoneOffsetMillis(first, timeZone);
  const onDate = [first, second].filter((t) => isSameDate(zonedDateParts(new Date(t), timeZone), date));
  return new Date(onDate.length > 0 ? Math.min(...onDate) : second);
}

function isSameDate(a: ZonedDate, b: ZonedDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month + 1, 0)).getUTCDate();
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Year and month `months` months after (or before, if negative) the given year and month. */
export function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** The last millisecond of the given month on the wall clock of `timeZone`, as an instant. */
export function zonedEndOfMonth(year: number, month: number, timeZone: string): Date {
  const next = addMonths(year, month, 1);
  return new Date(zonedStartOfDay({ ...next, day: 1 }, timeZone).getTime() - 1);
}
