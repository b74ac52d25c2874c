import { z } from 'zod';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(value: string): boolean {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = m[1] === undefined ? undefined : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  if (year !== undefined && (year < 1900 || year > 2100)) return false;
  // Without a year, 02-29 is a real birthday; with one, only in a leap year.
  const isLeap = year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const max = month === 2 && !isLeap ? 28 : DAYS_IN_MONTH[month - 1];
  return day <= max;
}

/** A birthday, "MM-DD" or "YYYY-MM-DD", that exists on the calendar (02-29 allowed without a year). */
export const BirthdaySchema = z
  .string()
  .max(10)
  .refine(isCalendarDate, 'must be a real date written MM-DD or YYYY-MM-DD');
