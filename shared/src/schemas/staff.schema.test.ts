import { ClerkActivityQuerySchema, ClerkContactsQuerySchema, UpdateStaffInputSchema } from './staff.schema';

describe('UpdateStaffInputSchema', () => {
  it('takes any one field, and null to clear the phone', () => {
    expect(UpdateStaffInputSchema.parse({ active: false })).toEqual({ active: false });
    expect(UpdateStaffInputSchema.parse({ phone: null })).toEqual({ phone: null });
    expect(UpdateStaffInputSchema.parse({ phone: '13800138000', name: ' 王 ' })).toEqual({
      phone: '13800138000',
      name: '王',
    });
  });

  it('refuses an empty change, unknown fields and bad values', () => {
    expect(UpdateStaffInputSchema.safeParse({}).success).toBe(false);
    expect(UpdateStaffInputSchema.safeParse({ role: 'manager' }).success).toBe(false);
    expect(UpdateStaffInputSchema.safeParse({ phone: '12800138000' }).success).toBe(false);
    expect(UpdateStaffInputSchema.safeParse({ password: 'short' }).success).toBe(false);
    expect(UpdateStaffInputSchema.safeParse({ active: 'false' }).success).toBe(false);
    expect(UpdateStaffInputSchema.safeParse({ storeId: 'x' }).success).toBe(false);
  });
});

describe('ClerkActivityQuerySchema', () => {
  const paths = (input: unknown) => {
    const result = ClerkActivityQuerySchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('takes no dates, one date, or a period up to 366 days counted inclusively', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ from: '2026-01-01' })).toEqual([]);
    expect(paths({ from: '2026-03-05', to: '2026-03-05', storeId: '3' })).toEqual([]);
    expect(paths({ from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
  });

  it('refuses unreal dates, from after to, and more than 366 days', () => {
    expect(paths({ from: '2026-02-29' })).toEqual(['from']);
    expect(paths({ to: '2026-3-5' })).toEqual(['to']);
    expect(paths({ from: '2026-03-06', to: '2026-03-05' })).toEqual(['from']);
    expect(paths({ from: '2025-01-01', to: '2026-01-02' })).toEqual(['to']);
    expect(paths({ from: '2025-01-01', to: '2026-01-01' })).toEqual([]);
    expect(paths({ limit: '5' })).toEqual(['']);
  });

  it('has no store filter on one clerk’s contacts', () => {
    expect(ClerkContactsQuerySchema.safeParse({ storeId: '1' }).success).toBe(false);
    expect(ClerkContactsQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-31' }).success).toBe(true);
  });
});
