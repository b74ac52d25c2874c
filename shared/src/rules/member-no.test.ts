import {
  formatMemberNo,
  generateMemberNo,
  isValidMemberNo,
  luhnCheckDigit,
  normalizeMemberNo,
} from './member-no';

// A small deterministic generator so the tests see many different numbers, the same ones every run.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const constant = (value: number) => () => value;

const SAMPLES = ['100000009', '999999998', '123456782', '794000067', '500000005', '908172638'];

describe('luhnCheckDigit', () => {
  it.each<[string, number]>([
    ['7992739871', 3], // the textbook example: 79927398713
    ['10000000', 9],
    ['99999999', 8],
    ['12345678', 2],
    ['0', 0],
  ])('%s → %p', (payload, digit) => {
    expect(luhnCheckDigit(payload)).toBe(digit);
  });

  it('refuses non-digits', () => {
    expect(() => luhnCheckDigit('1234a678')).toThrow(RangeError);
  });
});

describe('generateMemberNo', () => {
  it.each<[string, () => number, string]>([
    ['always 0', constant(0), '100000009'],
    ['just under 1', constant(0.999_999), '999999998'],
  ])('with random() %s → %s', (_name, random, expected) => {
    expect(generateMemberNo(random)).toBe(expected);
  });

  it('makes 9-digit numbers, first digit non-zero, that pass the check, for many random streams', () => {
    const random = seededRandom(20261123);
    const seen = new Set<string>();
    const firstDigits = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const memberNo = generateMemberNo(random);
      expect(memberNo).toMatch(/^[1-9]\d{8}$/);
      expect(isValidMemberNo(memberNo)).toBe(true);
      seen.add(memberNo);
      firstDigits.add(memberNo[0]);
    }
    expect(seen.size).toBe(2000);
    expect([...firstDigits].sort().join('')).toBe('123456789');
  });

  it.each([[1], [-0.1], [Number.NaN], [2]])('refuses a random() that returns %p', (value) => {
    expect(() => generateMemberNo(constant(value))).toThrow(RangeError);
  });
});

describe('isValidMemberNo', () => {
  it.each(SAMPLES)('accepts %s', (memberNo) => {
    expect(isValidMemberNo(memberNo)).toBe(true);
  });

  it.each([
    ['too short', '12345678'],
    ['too long', '1234567820'],
    ['a leading zero, even with a right check digit', `01234567${luhnCheckDigit('01234567')}`],
    ['a wrong check digit', '123456783'],
    ['letters', '12345678a'],
    ['printed with spaces', '1234 5678 2'],
    ['empty', ''],
    ['not a string', 123456782 as unknown as string],
  ])('rejects %s (%p)', (_name, memberNo) => {
    expect(isValidMemberNo(memberNo)).toBe(false);
  });

  it.each(SAMPLES)('rejects every single-digit typo of %s', (memberNo) => {
    for (let position = 0; position < memberNo.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === memberNo[position]) continue;
        const typo = memberNo.slice(0, position) + String(digit) + memberNo.slice(position + 1);
        if (isValidMemberNo(typo)) throw new Error(`${typo} (typo of ${memberNo}) passed`);
      }
    }
  });

  it.each(SAMPLES)('rejects every adjacent transposition of %s except Luhn’s blind 0↔9 swap', (memberNo) => {
    let checked = 0;
    for (let i = 0; i + 1 < memberNo.length; i++) {
      const [a, b] = [memberNo[i], memberNo[i + 1]];
      if (a === b) continue;
      const swapped = memberNo.slice(0, i) + b + a + memberNo.slice(i + 2);
      const isBlindSpot = (a === '0' && b === '9') || (a === '9' && b === '0');
      if (isValidMemberNo(swapped) !== (isBlindSpot && swapped[0] !== '0')) {
        throw new Error(`${swapped} (swap of ${memberNo} at ${i}) judged wrongly`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('catches the swap of the first two digits', () => {
    // 123456782 → 213456782: the swap clerks make most when typing.
    expect(isValidMemberNo('213456782')).toBe(false);
  });
});

describe('normalizeMemberNo', () => {
  it.each<[string, string | null]>([
    ['123456782', '123456782'],
    ['1234 5678 2', '123456782'],
    [' 1234-5678-2 ', '123456782'],
    ['1234 5678 3', null],
    ['1234 5678', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normalizeMemberNo(input)).toBe(expected);
  });
});

describe('formatMemberNo', () => {
  it.each([
    ['123456789', '1234 5678 9'],
    ['100000009', '1000 0000 9'],
  ])('%s → %s', (memberNo, printed) => {
    expect(formatMemberNo(memberNo)).toBe(printed);
  });

  it.each(['12345678', '1234567890', '1234 5678 9', 'abcdefghi'])('refuses %p', (memberNo) => {
    expect(() => formatMemberNo(memberNo)).toThrow(RangeError);
  });

  it.each(SAMPLES)('prints %s so that it reads back as the same number', (memberNo) => {
    expect(normalizeMemberNo(formatMemberNo(memberNo))).toBe(memberNo);
  });
});
