import { z } from 'zod';
import { parseBirthday } from '../rules/birthday';

/** Years a birthday with a year may carry: anything outside is a typo, not a member. */
const EARLIEST_BIRTH_YEAR = 1900;
const LATEST_BIRTH_YEAR = 2100;

function isAcceptedBirthday(value: string): boolean {
  const parsed = parseBirthday(value);
  if (!parsed) return false;
  return (
    parsed.year === undefined || (parsed.year >= EARLIEST_BIRTH_YEAR && parsed.year <= LATEST_BIRTH_YEAR)
  );
}

/** A birthday, "MM-DD" or "YYYY-MM-DD", that exists on the calendar (02-29 allowed without a year). */
export const BirthdaySchema = z
  .string()
  .max(10)
  .refine(isAcceptedBirthday, 'must be a real date written MM-DD or YYYY-MM-DD');
