import { WEEKDAYS, type WeeklyHours } from '../contracts/store-hours.contract';
import { type ZonedDate, zonedDateParts, zonedStartOfDay } from './zoned-time';

const MINUTE = 60_000;
/** Two weeks of days is more than any week with one open day needs; past that the hours are invalid. */
const MAX_DAYS = 15;

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since wall midnight of `instant` in `timeZone` (not since the day's first instant: DST days differ). */
function wallMinuteOfDay(instant: Date, timeZone: string): number {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clockFormatters.set(timeZone, formatter);
  }
  const fields: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) fields[part.type] = part.value;
  return (Number(fields.hour) % 24) * 60 + Number(fields.minute);
}

function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

function nextDate(date: ZonedDate): ZonedDate {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day + 1);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function weekdayOf(date: ZonedDate): (typeof WEEKDAYS)[number] {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(d.getUTCDay() + 6) % 7];
}

/** The instant the wall clock in `timeZone` shows `minute` minutes after midnight of `date`. */
function wallInstant(date: ZonedDate, minute: number, timeZone: string): Date {
  const guess = zonedStartOfDay(date, timeZone).getTime() + minute * MINUTE;
  // On a DST day elapsed and wall time part by the shift: correct once by what the wall shows. A wall
  // time inside a spring-forward gap does not exist; the guess (just after the gap) stands for it.
  const drift = wallMinuteOfDay(new Date(guess), timeZone) - minute;
  if (drift === 0) return new Date(guess);
  const corrected = new Date(guess - drift * MINUTE);
  return wallMinuteOfDay(corrected, timeZone) === minute ? corrected : new Date(guess);
}

/**
 * The instant `minutes` working minutes after `from`, counting only real time inside the store's
 * opening hours on the club clock: a follow-up opened at 21:55 with a 22:00 close and 15 minutes to
 * answer is due at 10:10 the next open day. Opened outside hours, the count starts at the next
 * opening. A deadline that uses up a day exactly falls at that day's close.
 */
export function addStoreMinutes(from: Date, minutes: number, hours: WeeklyHours, timeZone: string): Date {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError('minutes must be a whole number ≥ 0');
  let date = zonedDateParts(from, timeZone);
  let left = minutes * MINUTE;
  for (let i = 0; i < MAX_DAYS; i++) {
    const day = hours[weekdayOf(date)];
    if (day) {
      const open = wallInstant(date, clockMinutes(day.open), timeZone).getTime();
      const close = wallInstant(date, clockMinutes(day.close), timeZone).getTime();
      const start = Math.max(open, from.getTime());
      if (start < close || (start === close && left === 0)) {
        if (left <= close - start) return new Date(start + left);
        left -= close - start;
      }
    }
    date = nextDate(date);
  }
  throw new RangeError('the store is never open');
}
