import { isLeapYear, zonedDateParts } from './zoned-time';

const DAY_MS = 86_400_000;

/**
 * The `month*100+day` birthday keys celebrated on `now`'s club day: today's own, plus 29 February on
 * 28 February of a common year (the leap-day rule of `birthdayInYear`).
 */
export function birthdayKeysCelebratedOn(now: Date, timeZone: string): number[] {
  const today = zonedDateParts(now, timeZone);
  const keys = [today.month * 100 + today.day];
  if (today.month === 2 && today.day === 28 && !isLeapYear(today.year)) keys.push(229);
  return keys;
}

/** True when a birthday set at `setAt` has been on file at least `guardDays` whole days at `now`. */
export function birthdayOnFileLongEnough(setAt: Date | null, now: Date, guardDays: number): boolean {
  return setAt !== null && now.getTime() - setAt.getTime() >= guardDays * DAY_MS;
}
