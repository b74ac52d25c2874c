import {
  CreateRewardInputSchema,
  FulfilRedemptionInputSchema,
  IdempotencyKeySchema,
  RedeemInputSchema,
  UpdateRewardInputSchema,
} from './rewards.schema';

const valid = {
  name: '金箔书签',
  description: '每位会员限领两枚',
  kind: 'gift',
  pointsCost: 800,
  stock: 100,
  perMemberLimit: 2,
  tiers: ['gold', 'diamond'],
  availableFrom: '2026-06-01T00:00:00+08:00',
  availableTo: '2026-07-01T00:00:00+08:00',
};

describe('CreateRewardInputSchema', () => {
  it('accepts a whole reward, with or without an image', () => {
    expect(CreateRewardInputSchema.safeParse(valid).success).toBe(true);
    expect(
      CreateRewardInputSchema.safeParse({ ...valid, imageUrl: 'https://img.example/a.png' }).success,
    ).toBe(true);
  });

  it.each([
    ['pointsCost', 0],
    ['pointsCost', 1.5],
    ['pointsCost', '800'],
    ['stock', -1],
    ['perMemberLimit', 0],
    ['kind', 'coupon'],
    ['tiers', ['gold', 'gold']],
    ['tiers', ['platinum']],
    ['availableFrom', '2026-06-01'],
    ['availableFrom', '2026-06-01T00:00:00'],
    ['imageUrl', 'javascript:alert(1)'],
    ['name', '   '],
  ] as const)('refuses %s = %p', (field, value) => {
    const result = CreateRewardInputSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(
      Array.isArray(value) && field === 'tiers' && value[0] === 'platinum' ? 'tiers.0' : field,
    );
  });

  it('refuses a window that ends when or before it starts, naming availableTo', () => {
    for (const availableTo of [
      '2026-06-01T00:00:00+08:00',
      '2026-05-31T16:00:00Z',
      '2026-05-01T00:00:00+08:00',
    ]) {
      const result = CreateRewardInputSchema.safeParse({ ...valid, availableTo });
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['availableTo']);
    }
  });

  it('refuses unknown fields and missing ones', () => {
    expect(CreateRewardInputSchema.safeParse({ ...valid, colour: 'gold' }).success).toBe(false);
    const { stock: _stock, ...missing } = valid;
    expect(CreateRewardInputSchema.safeParse(missing).success).toBe(false);
  });
});

describe('UpdateRewardInputSchema', () => {
  it('accepts any one field, and null to drop the image', () => {
    expect(UpdateRewardInputSchema.safeParse({ stock: 5 }).success).toBe(true);
    expect(UpdateRewardInputSchema.safeParse({ imageUrl: null }).success).toBe(true);
  });
  it('refuses an empty change and a reversed window', () => {
    expect(UpdateRewardInputSchema.safeParse({}).success).toBe(false);
    expect(
      UpdateRewardInputSchema.safeParse({
        availableFrom: valid.availableTo,
        availableTo: valid.availableFrom,
      }).success,
    ).toBe(false);
  });
});

describe('RedeemInputSchema', () => {
  it.each([1, 10])('accepts quantity %p', (quantity) => {
    expect(RedeemInputSchema.safeParse({ quantity }).success).toBe(true);
  });
  it.each([0, -1, 11, 10_000, 1.5, '1', null])('refuses quantity %p', (quantity) => {
    expect(RedeemInputSchema.safeParse({ quantity }).success).toBe(false);
  });
});

describe('FulfilRedemptionInputSchema', () => {
  it('forgives case and surrounding spaces', () => {
    expect(FulfilRedemptionInputSchema.parse({ code: ' abcd2345 ' })).toEqual({ code: 'ABCD2345' });
  });
  it.each(['ABCD234', 'ABCD23450', 'ABCD234O', 'ABCD2341', ''])('refuses %p', (code) => {
    expect(FulfilRedemptionInputSchema.safeParse({ code }).success).toBe(false);
  });
});

describe('IdempotencyKeySchema', () => {
  it('accepts a UUID and refuses empty, spaced or overlong keys', () => {
    expect(IdempotencyKeySchema.safeParse('0b8e2b1c-6a7f-4d1e-9f1e-2f6f3c1d9a10').success).toBe(true);
    for (const key of ['', 'a b', 'x'.repeat(65)])
      expect(IdempotencyKeySchema.safeParse(key).success).toBe(false);
  });
});
