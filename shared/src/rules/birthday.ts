import { daysInMonth, isLeapYear, zonedDateParts, type ZonedDate } from './zoned-time';

/** A member's birthday; the year is optional because members may keep it to themselves. */
export interface Birthday {
  month: number;
  day: number;
  year?: number;
}

/** A birthday as stored ("MM-DD" or "YYYY-MM-DD") or already parsed. */
export type BirthdayInput = Birthday | string;

const BIRTHDAY_PATTERN = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;

/** Parses "MM-DD" or "YYYY-MM-DD" into a real calendar date; null when it is not one ("02-29" alone is valid). */
export function parseBirthday(text: string): Birthday | null {
  const match = BIRTHDAY_PATTERN.exec(text);
  if (!match) return null;
  const [, yearText, monthText, dayText] = match;
  const month = Number(monthText);
  const day = Number(dayText);
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && year < 1) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  // Without a year, 29 February is allowed: it exists in some year.
  if (day > daysInMonth(year ?? 2000, month)) return null;
  return year === undefined ? { month, day } : { year, month, day };
}

/** Formats a birthday the way it is stored: "MM-DD" or "YYYY-MM-DD". */
export function formatBirthday(birthday: Birthday): string {
  const md = `${String(birthday.month).padStart(2, '0')}-${String(birthday.day).padStart(2, '0')}`;
  return birthday.year === undefined ? md : `${String(birthday.year).padStart(4, '0')}-${md}`;
}

function toBirthday(input: BirthdayInput): Birthday {
  if (typeof input !== 'string') return input;
  const parsed = parseBirthday(input);
  if (!parsed) throw new RangeError(`not a birthday: ${JSON.stringify(input)}`);
  return parsed;
}

/** The date the birthday is celebrated in `year`: a 29 February birthday falls on 28 February in other years. */
export function birthdayInYear(birthday: BirthdayInput, year: number): ZonedDate {
  const { month, day } = toBirthday(birthday);
  if (month === 2 && day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month, day };
}

/** True when `now`, on the wall clock of `timeZone`, is in the birthday's month. */
export function isBirthdayMonth(birthday: BirthdayInput, now: Date, timeZone: string): boolean {
  return zonedDateParts(now, timeZone).month === toBirthday(birthday).month;
}

/** True when `now`, on the wall clock of `timeZone`, is the day the birthday is celebrated this year. */
export function isBirthdayToday(birthday: BirthdayInput, now: Date, timeZone: string): boolean {
  const today = zonedDateParts(now, timeZone);
  const celebrated = birthdayInYear(birthday, today.year);
  return celebrated.month === today.month && celebrated.day === today.day;
}

/** Age in whole years on `now` in `timeZone` (a leap-day baby turns a year older on 28 February); null without a birth year. */
export function ageOn(birthday: BirthdayInput, now: Date, timeZone: string): number | null {
  const { year } = toBirthday(birthday);
  if (year === undefined) return null;
  const today = zonedDateParts(now, timeZone);
  const celebrated = birthdayInYear(birthday, today.year);
  const hadBirthday =
    today.month > celebrated.month || (today.month === celebrated.month && today.day >= celebrated.day);
  return today.year - year - (hadBirthday ? 0 : 1);
}
