/** Digits in a member number, check digit included. */
export const MEMBER_NO_LENGTH = 9;

const MEMBER_NO_PATTERN = /^[1-9]\d{8}$/;

/** The Luhn check digit to append to `payload` (a string of digits). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Counting from the right of the payload, every other digit starting with the rightmost is doubled,
  // because once the check digit is appended those are the second, fourth… digits from the right.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new RangeError(`not a digit string: ${payload}`);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

function randomDigit(random: () => number, min: number): number {
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${r}`);
  return min + Math.floor(r * (10 - min));
}

/** A new member number: 9 digits, the first non-zero, the last a Luhn check digit (uniqueness is the caller's job). */
export function generateMemberNo(random: () => number): string {
  let payload = String(randomDigit(random, 1));
  while (payload.length < MEMBER_NO_LENGTH - 1) payload += String(randomDigit(random, 0));
  return payload + String(luhnCheckDigit(payload));
}

/** True for 9 digits with no leading zero whose last digit is the Luhn check digit of the first eight. */
export function isValidMemberNo(memberNo: string): boolean {
  if (typeof memberNo !== 'string' || !MEMBER_NO_PATTERN.test(memberNo)) return false;
  return luhnCheckDigit(memberNo.slice(0, -1)) === Number(memberNo[MEMBER_NO_LENGTH - 1]);
}

/** Accepts a member number as typed or printed ("1234 5678 9", spaces or dashes) and returns its 9 digits, or null. */
export function normalizeMemberNo(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return isValidMemberNo(digits) ? digits : null;
}

/** Prints a member number in groups that are easy to read aloud: "1234 5678 9". */
export function formatMemberNo(memberNo: string): string {
  if (!/^\d{9}$/.test(memberNo)) throw new RangeError(`a member number has 9 digits, got ${memberNo}`);
  return `${memberNo.slice(0, 4)} ${memberNo.slice(4, 8)} ${memberNo.slice(8)}`;
}
