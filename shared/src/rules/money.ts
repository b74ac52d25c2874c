/** Throws a RangeError unless `value` is a whole, non-negative, exactly representable number of minor units. */
export function assertMinorAmount(value: number, name = 'amount'): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of minor units, got ${String(value)}`);
  }
}

// Float division of two safe integers can land on the next integer when the true quotient sits just
// below it; a correction step against exact integer products makes the floor exact.
function floorDiv(x: number, d: number): number {
  let q = Math.floor(x / d);
  while (q * d > x) q--;
  while ((q + 1) * d <= x) q++;
  return q;
}

/**
 * floor(a × b / d) for non-negative safe integers, exact as long as b × d and the result are safe
 * integers, even where a × b itself is not (a = q·d + r, so a·b/d = q·b + r·b/d with r·b < d·b).
 */
export function mulDivFloor(a: number, b: number, d: number): number {
  if (!Number.isSafeInteger(b * d) || d <= 0) {
    throw new RangeError(`floor(${a} × ${b} / ${d}) is outside exact integer range`);
  }
  const q = floorDiv(a, d);
  const r = a - q * d;
  const result = q * b + floorDiv(r * b, d);
  if (!Number.isSafeInteger(result)) {
    throw new RangeError(`floor(${a} × ${b} / ${d}) is outside exact integer range`);
  }
  return result;
}
