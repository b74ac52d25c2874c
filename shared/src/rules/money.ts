import { MINOR_UNITS_PER_MAJOR } from './club-rules';

/** Throws a RangeError unless `value` is a whole, non-negative, exactly representable number of minor units. */
export function assertMinorAmount(value: number, name = 'amount'): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${name} must be a non-negative integer number of minor units, got ${String(value)}`,
    );
  }
}

/** floor(x / d) for safe integers x ≥ 0 and d > 0, exact where float division could round up to the next integer. */
export function floorDiv(x: number, d: number): number {
  let q = Math.floor(x / d);
  while (q * d > x) q--;
  while ((q + 1) * d <= x) q++;
  return q;
}

/**
 * Exact quotient and remainder of a × b ÷ d for non-negative safe integers (d > 0, b × d safe), even
 * where a × b itself is beyond 2^53; throws a RangeError when the quotient is not a safe integer.
 */
export function mulDivRem(a: number, b: number, d: number): { quotient: number; remainder: number } {
  for (const n of [a, b, d]) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`expected a non-negative safe integer, got ${n}`);
  }
  if (d === 0) throw new RangeError('division by zero');
  if (!Number.isSafeInteger(b * d)) throw new RangeError(`${b} × ${d} is outside exact integer range`);
  // a = q·d + r, so a·b = q·b·d + r·b with r·b < d·b: every product below is exact.
  const q = floorDiv(a, d);
  const rb = (a - q * d) * b;
  const carry = floorDiv(rb, d);
  const quotient = q * b + carry;
  if (!Number.isSafeInteger(quotient)) {
    throw new RangeError(`${a} × ${b} / ${d} is outside exact integer range`);
  }
  return { quotient, remainder: rb - carry * d };
}

/** floor(a × b / d), exact under the conditions of `mulDivRem`. */
export function mulDivFloor(a: number, b: number, d: number): number {
  return mulDivRem(a, b, d).quotient;
}

/**
 * `¥3,000` for whole amounts, `¥1,288.50` otherwise, `-¥800` below zero; minor units in. Worked in whole
 * minor units, so no amount picks up a float's stray cent on the way.
 */
export function formatMoney(minor: number): string {
  const abs = Math.abs(minor);
  const major = Math.floor(abs / MINOR_UNITS_PER_MAJOR);
  const cents = abs - major * MINOR_UNITS_PER_MAJOR;
  const grouped = String(major).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = cents ? `.${String(cents).padStart(2, '0')}` : '';
  return `${minor < 0 ? '-' : ''}¥${grouped}${frac}`;
}
