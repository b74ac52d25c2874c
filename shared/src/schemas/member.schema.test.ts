import { JoinInputSchema, MemberLookupQuerySchema, UpdateMeInputSchema } from './member.schema';
import { BirthdaySchema } from './birthday.schema';
import { CreateStaffInputSchema, CreateStoreInputSchema } from './store.schema';
import { IdSchema, PaginationQuerySchema, PhoneSchema } from './common.schema';

const validJoin = {
  name: '林晓雯',
  gender: 'female',
  birthday: '1994-05-20',
  phoneCode: 'sandbox:13800138000',
  interests: ['茶艺', '旅行'],
  consent: { marketing: true },
};

function failingPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.join('.'));
}

describe('JoinInputSchema', () => {
  it('accepts a complete, valid join', () => {
    const parsed = JoinInputSchema.parse(validJoin);
    expect(parsed.name).toBe('林晓雯');
  });

  it('trims the name and defaults interests to none', () => {
    const { interests: _omit, ...rest } = validJoin;
    const parsed = JoinInputSchema.parse({ ...rest, name: '  林晓雯 ' });
    expect(parsed.name).toBe('林晓雯');
    expect(parsed.interests).toEqual([]);
  });

  it.each([
    ['missing name', { name: undefined }, 'name'],
    ['empty name', { name: '   ' }, 'name'],
    ['oversized name', { name: '林'.repeat(41) }, 'name'],
    ['unknown gender', { gender: 'unknown' }, 'gender'],
    ['birthday of the wrong shape', { birthday: '20/05/1994' }, 'birthday'],
    ['birthday that does not exist', { birthday: '02-30' }, 'birthday'],
    ['29 February of a common year', { birthday: '2023-02-29' }, 'birthday'],
    ['number as phone code', { phoneCode: 13800138000 }, 'phoneCode'],
    ['too many interests', { interests: Array.from({ length: 13 }, (_, i) => `兴趣${i}`) }, 'interests'],
    ['interest too long', { interests: ['x'.repeat(21)] }, 'interests.0'],
    ['consent as a string', { consent: 'yes' }, 'consent'],
    ['consent.marketing missing', { consent: {} }, 'consent.marketing'],
    ['storeId as a number', { storeId: 3 }, 'storeId'],
    ['referral code with symbols', { referralCode: 'AB-12' }, 'referralCode'],
  ])('rejects %s', (_label, patch, path) => {
    const result = JoinInputSchema.safeParse({ ...validJoin, ...patch });
    expect(result.success).toBe(false);
    expect(failingPaths(result)).toContain(path);
  });

  it('rejects unknown fields, naming them', () => {
    const result = JoinInputSchema.safeParse({ ...validJoin, isAdmin: true });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('isAdmin');
  });

  it('accepts a birthday without a year, including 29 February', () => {
    expect(JoinInputSchema.safeParse({ ...validJoin, birthday: '02-29' }).success).toBe(true);
    expect(JoinInputSchema.safeParse({ ...validJoin, birthday: '2024-02-29' }).success).toBe(true);
  });
});

describe('BirthdaySchema', () => {
  it.each(['01-01', '12-31', '2000-02-29', '1990-04-30'])('accepts %s', (b) => {
    expect(BirthdaySchema.safeParse(b).success).toBe(true);
  });
  it.each(['13-01', '00-10', '04-31', '1900-02-29', '1899-01-01', '2024-1-01', '', '2024-02-29x'])(
    'rejects %s',
    (b) => {
      expect(BirthdaySchema.safeParse(b).success).toBe(false);
    },
  );
});

describe('UpdateMeInputSchema', () => {
  it('rejects an empty change', () => {
    expect(UpdateMeInputSchema.safeParse({}).success).toBe(false);
  });
  it('lets a member clear their occupation', () => {
    expect(UpdateMeInputSchema.parse({ occupation: null })).toEqual({ occupation: null });
  });
  it('rejects a points change smuggled in', () => {
    expect(UpdateMeInputSchema.safeParse({ name: '晓雯', points: 99999 }).success).toBe(false);
  });
});

describe('MemberLookupQuerySchema', () => {
  it('takes exactly one of cardCode or phone', () => {
    expect(MemberLookupQuerySchema.safeParse({ cardCode: 'abc' }).success).toBe(true);
    expect(MemberLookupQuerySchema.safeParse({ phone: '13800138000' }).success).toBe(true);
    expect(MemberLookupQuerySchema.safeParse({}).success).toBe(false);
    expect(MemberLookupQuerySchema.safeParse({ cardCode: 'abc', phone: '13800138000' }).success).toBe(false);
  });
});

describe('staff and stores', () => {
  it('needs a store for a clerk but not for a manager', () => {
    const base = { username: 'clerk.li', password: 'longenough', name: '李娜' };
    const clerk = CreateStaffInputSchema.safeParse({ ...base, role: 'clerk' });
    expect(clerk.success).toBe(false);
    expect(failingPaths(clerk)).toContain('storeId');
    expect(CreateStaffInputSchema.safeParse({ ...base, role: 'clerk', storeId: '1' }).success).toBe(true);
    expect(CreateStaffInputSchema.safeParse({ ...base, role: 'manager' }).success).toBe(true);
  });
  it('refuses a short password', () => {
    const r = CreateStaffInputSchema.safeParse({
      username: 'abc',
      password: 'short',
      name: 'x',
      role: 'manager',
    });
    expect(failingPaths(r)).toContain('password');
  });
  it('refuses a store without an address', () => {
    expect(CreateStoreInputSchema.safeParse({ name: '新天地店', city: '上海' }).success).toBe(false);
  });
});

describe('common', () => {
  it.each(['1', '42', '900719925474099'])('accepts id %s', (id) =>
    expect(IdSchema.safeParse(id).success).toBe(true),
  );
  it.each(['0', '-1', '01', 'abc', '1.5', ''])('rejects id %s', (id) =>
    expect(IdSchema.safeParse(id).success).toBe(false),
  );
  it.each(['13800138000', '19912345678'])('accepts phone %s', (p) =>
    expect(PhoneSchema.safeParse(p).success).toBe(true),
  );
  it.each(['12800138000', '1380013800', '138001380000', '+8613800138000'])('rejects phone %s', (p) =>
    expect(PhoneSchema.safeParse(p).success).toBe(false),
  );
  it('coerces and bounds list limits', () => {
    expect(PaginationQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(PaginationQuerySchema.parse({ limit: '50' })).toEqual({ limit: 50 });
    expect(PaginationQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(PaginationQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
  });
});
