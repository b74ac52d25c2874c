import { assertMinorAmount, floorDiv, formatMoney, mulDivFloor, mulDivRem } from './money';

describe('mulDivFloor', () => {
  const reference = (a: number, b: number, d: number) => Number((BigInt(a) * BigInt(b)) / BigInt(d));

  it.each<[number, number, number]>([
    [0, 5, 7],
    [7, 0, 3],
    [128_800, 12_000, 1_000_000],
    [128_800, 24_000, 100_000_000],
    [Number.MAX_SAFE_INTEGER, 1, 1],
    [Number.MAX_SAFE_INTEGER, 3, 7],
    [Number.MAX_SAFE_INTEGER - 1, 999_999, 1_000_000],
    [Number.MAX_SAFE_INTEGER, 20_000, 1_000_000],
    [2 ** 52 + 1, 2, 3],
  ])('floor(%p × %p / %p) matches exact integer arithmetic', (a, b, d) => {
    expect(mulDivFloor(a, b, d)).toBe(reference(a, b, d));
    const { quotient, remainder } = mulDivRem(a, b, d);
    expect(BigInt(quotient) * BigInt(d) + BigInt(remainder)).toBe(BigInt(a) * BigInt(b));
    expect(remainder).toBeGreaterThanOrEqual(0);
    expect(remainder).toBeLessThan(d);
  });

  it.each<[number, number, number]>([
    [Number.MAX_SAFE_INTEGER, 2, 1], // result too large
    [1, 100_020_001, 10_000_000_000], // b × d beyond exact range
    [1, 1, 0],
    [-1, 1, 1],
    [1.5, 1, 1],
    [1, Number.NaN, 1],
  ])('refuses floor(%p × %p / %p)', (a, b, d) => {
    expect(() => mulDivFloor(a, b, d)).toThrow(RangeError);
  });
});

describe('floorDiv', () => {
  it.each<[number, number]>([
    [0, 1],
    [6, 3],
    [7, 3],
    [Number.MAX_SAFE_INTEGER, 3],
    // 2^53 − 1 over 2^53 − 2: the float quotient rounds to exactly 1, which happens to be right; the
    // other way round the float quotient of (2^53 − 2) / (2^53 − 1) is 1 but the floor is 0.
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1],
    [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
  ])('floor(%p / %p) is exact', (x, d) => {
    expect(floorDiv(x, d)).toBe(Number(BigInt(x) / BigInt(d)));
  });
});

describe('assertMinorAmount', () => {
  it.each([0, 1, 128_800, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(() => assertMinorAmount(value)).not.toThrow();
  });

  it.each([-1, 0.1, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, '1' as unknown as number])(
    'refuses %p, naming the field',
    (value) => {
      expect(() => assertMinorAmount(value, 'spend')).toThrow(/^spend must be/);
    },
  );
});

describe('formatMoney', () => {
  it.each<[number, string]>([
    [0, '¥0'],
    [300_000, '¥3,000'],
    [128_850, '¥1,288.50'],
    [5, '¥0.05'],
    [12_345_678_950, '¥123,456,789.50'],
    [-80_000, '-¥800'],
    [-128_805, '-¥1,288.05'],
    [-1, '-¥0.01'],
  ])('%d minor units read %s', (minor, shown) => {
    expect(formatMoney(minor)).toBe(shown);
  });
});
