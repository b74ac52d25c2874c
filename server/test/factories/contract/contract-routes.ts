// CONTRACT.md's Identity, Members, Stores and staff routes as data: who may call each, a body the
// contract accepts, and the shape of that body (which fields are strings, booleans, arrays...), so
// a table of bad-input and access cases can be generated for every route alike.
import type { Role } from '@vip-club/shared';
import { TEST_MANAGER_PASSWORD, TEST_MANAGER_USERNAME, type TestAgent } from '../../setup/test-app';
import { joinBody, loginAsNewVisitor, unique } from '../club.factory';
import type { Cast } from './contract-cast';
import { type Method, withFields } from './contract-http';

export type Body = Record<string, unknown>;

/** A bad body a route must refuse with 400 VALIDATION_FAILED naming `fields`. */
export interface BadBody {
  label: string;
  body: (good: Body) => Body;
  fields: string[];
}

export interface BodyRoute {
  /** `POST /members`, as CONTRACT.md writes it. */
  name: string;
  method: Method;
  path: (cast: Cast) => string;
  /** A token of a caller the route admits (undefined for the login routes). */
  token: (cast: Cast, http: TestAgent) => Promise<string | undefined>;
  /** A body the contract accepts; fresh on each call (unique names, unspent tokens). */
  good: (cast: Cast, http: TestAgent) => Promise<Body>;
  goodStatus: number;
  /** Field paths the contract requires. */
  required: string[];
  /** Fields holding text (including enum values and ids): each gets oversized and number rows. */
  strings: string[];
  booleans: string[];
  /** Arrays of strings. */
  arrays: string[];
  objects: string[];
  /** Fields a caller must not set through this route (privilege fields): unknown, so 400. */
  forbiddenExtras: Record<string, unknown>;
  /** Route-specific malformed values. */
  badValues: BadBody[];
}

const bad = (label: string, changes: Record<string, unknown>, fields: string[]): BadBody => ({
  label,
  body: (good) => withFields(good, changes),
  fields,
});

const anyone = async () => undefined;

const platformLogin = (platform: 'wechat' | 'alipay'): BodyRoute => ({
  name: `POST /auth/${platform}`,
  method: 'post',
  path: () => `/auth/${platform}`,
  token: anyone,
  good: async () => ({ code: `sandbox:${unique('cv-')}` }),
  goodStatus: 200,
  required: ['code'],
  strings: ['code'],
  booleans: [],
  arrays: [],
  objects: [],
  forbiddenExtras: { role: 'manager' },
  badValues: [bad('empty code', { code: '' }, ['code'])],
});

export const BODY_ROUTES: BodyRoute[] = [
  platformLogin('wechat'),
  platformLogin('alipay'),
  {
    name: 'POST /auth/staff',
    method: 'post',
    path: () => '/auth/staff',
    token: anyone,
    good: async () => ({ username: TEST_MANAGER_USERNAME, password: TEST_MANAGER_PASSWORD }),
    goodStatus: 200,
    required: ['username', 'password'],
    strings: ['username', 'password'],
    booleans: [],
    arrays: [],
    objects: [],
    forbiddenExtras: { role: 'manager' },
    badValues: [bad('empty username and password', { username: '', password: '' }, ['username', 'password'])],
  },
  {
    name: 'POST /auth/refresh',
    method: 'post',
    path: () => '/auth/refresh',
    token: anyone,
    good: async (_cast, http) => ({ refreshToken: (await loginAsNewVisitor(http)).refreshToken }),
    goodStatus: 200,
    required: ['refreshToken'],
    strings: ['refreshToken'],
    booleans: [],
    arrays: [],
    objects: [],
    forbiddenExtras: { accessToken: 'x' },
    badValues: [bad('empty token', { refreshToken: '' }, ['refreshToken'])],
  },
  {
    name: 'POST /members',
    method: 'post',
    path: () => '/members',
    // A fresh visitor per row: the good body makes its sender a member.
    token: async (_cast, http) => (await loginAsNewVisitor(http)).accessToken,
    good: async (cast) => ({
      ...joinBody({ storeId: cast.a.store.id }),
      referralCode: cast.memberOfB.referralCode,
    }),
    goodStatus: 201,
    required: ['name', 'gender', 'birthday', 'phoneCode', 'consent', 'consent.marketing'],
    strings: [
      'name',
      'gender',
      'birthday',
      'phoneCode',
      'occupation',
      'storeId',
      'referralCode',
      'interests.0',
    ],
    booleans: ['consent.marketing'],
    arrays: ['interests'],
    objects: ['consent'],
    forbiddenExtras: {
      points: 100000,
      tier: 'diamond',
      memberNo: '123456782',
      phone: '13800138000',
      clerkId: '1',
    },
    badValues: [
      bad('gender outside the enum', { gender: 'unknown' }, ['gender']),
      bad('birthday not on the calendar (02-30)', { birthday: '02-30' }, ['birthday']),
      bad('birthday month 13', { birthday: '1990-13-01' }, ['birthday']),
      bad('birthday in another format', { birthday: '17/05/1990' }, ['birthday']),
      bad('storeId not an id', { storeId: 'abc' }, ['storeId']),
      bad('storeId 0', { storeId: '0' }, ['storeId']),
      bad('empty phoneCode', { phoneCode: '' }, ['phoneCode']),
      bad('blank name', { name: '   ' }, ['name']),
      bad('13 interests', { interests: Array.from({ length: 13 }, (_, i) => `兴趣${i}`) }, ['interests']),
      bad('an empty interest', { interests: ['翡翠', ''] }, ['interests.1']),
      bad('referral code with symbols', { referralCode: 'AB$%' }, ['referralCode']),
      bad('unknown field inside consent', { 'consent.sms': true }, ['consent.sms']),
      bad(
        'five bad fields at once',
        { name: 42, gender: 'x', 'consent.marketing': 'yes', interests: { a: 1 }, isVip: true },
        ['name', 'gender', 'consent.marketing', 'interests', 'isVip'],
      ),
    ],
  },
  {
    name: 'PATCH /me',
    method: 'patch',
    path: () => '/me',
    token: async (cast) => cast.memberWithoutStore.accessToken,
    good: async () => ({
      name: unique('新'),
      interests: ['珍珠'],
      occupation: '教师',
      consent: { marketing: false },
    }),
    goodStatus: 200,
    required: [],
    strings: ['name', 'occupation', 'birthday', 'interests.0'],
    booleans: ['consent.marketing'],
    arrays: ['interests'],
    objects: ['consent'],
    forbiddenExtras: {
      phone: '13800138000',
      tier: 'diamond',
      points: 100000,
      storeId: '1',
      clerkId: '1',
      memberNo: '123456782',
      id: '1',
    },
    badValues: [
      bad('blank name', { name: '  ' }, ['name']),
      bad('13 interests', { interests: Array.from({ length: 13 }, (_, i) => `兴趣${i}`) }, ['interests']),
      bad('birthday not on the calendar', { birthday: '1990-02-30' }, ['birthday']),
      bad('consent without marketing', { consent: {} }, ['consent.marketing']),
      bad('unknown field inside consent', { 'consent.sms': true }, ['consent.sms']),
    ],
  },
  {
    name: 'POST /stores',
    method: 'post',
    path: () => '/stores',
    token: async (cast) => cast.managerToken,
    good: async () => ({ name: unique('店'), city: '杭州', address: '延安路 100 号' }),
    goodStatus: 201,
    required: ['name', 'city', 'address'],
    strings: ['name', 'city', 'address'],
    booleans: [],
    arrays: [],
    objects: [],
    forbiddenExtras: { id: '1' },
    badValues: [bad('blank name and city', { name: ' ', city: '' }, ['name', 'city'])],
  },
  {
    name: 'POST /staff',
    method: 'post',
    path: () => '/staff',
    token: async (cast) => cast.managerToken,
    good: async (cast) => ({
      username: unique('staff'),
      password: 'clerk-passw0rd',
      name: '张店员',
      role: 'clerk',
      storeId: cast.a.store.id,
    }),
    goodStatus: 201,
    required: ['username', 'password', 'name', 'role'],
    strings: ['username', 'password', 'name', 'role', 'storeId'],
    booleans: [],
    arrays: [],
    objects: [],
    forbiddenExtras: { isActive: false, id: '1' },
    badValues: [
      bad('role outside the enum', { role: 'owner' }, ['role']),
      bad('role member', { role: 'member' }, ['role']),
      bad('a clerk without a store', { storeId: undefined }, ['storeId']),
      bad('storeId not an id', { storeId: 'abc' }, ['storeId']),
      bad('password under 8 characters', { password: '1234567' }, ['password']),
      bad('username with spaces', { username: 'a b c' }, ['username']),
    ],
  },
  {
    name: 'PUT /members/{id}/clerk',
    method: 'put',
    path: (cast) => `/members/${cast.memberOfA.id}/clerk`,
    token: async (cast) => cast.managerToken,
    good: async (cast) => ({ clerkId: cast.a.clerkId }),
    goodStatus: 200,
    required: ['clerkId'],
    strings: ['clerkId'],
    booleans: [],
    arrays: [],
    objects: [],
    forbiddenExtras: { storeId: '1' },
    badValues: [
      bad('clerkId not an id', { clerkId: 'abc' }, ['clerkId']),
      bad('clerkId 0', { clerkId: '0' }, ['clerkId']),
      bad('clerkId negative', { clerkId: '-5' }, ['clerkId']),
    ],
  },
];

/** A protected route with a request the contract accepts from the roles in `roles`. */
export interface ProtectedRoute {
  name: string;
  method: Method;
  path: (cast: Cast) => string;
  body?: (cast: Cast) => Body;
  roles: Role[];
  /** Roles the contract answers with something other than 403 (a member joining again: 409). */
  otherwise?: Partial<Record<Role, { status: number; code: string }>>;
}

export const PROTECTED_ROUTES: ProtectedRoute[] = [
  {
    name: 'POST /members',
    method: 'post',
    path: () => '/members',
    body: () => joinBody(),
    roles: ['visitor'],
    otherwise: { member: { status: 409, code: 'ALREADY_MEMBER' } },
  },
  { name: 'GET /me', method: 'get', path: () => '/me', roles: ['member'] },
  {
    name: 'PATCH /me',
    method: 'patch',
    path: () => '/me',
    body: () => ({ occupation: '教师' }),
    roles: ['member'],
  },
  { name: 'GET /me/card-code', method: 'get', path: () => '/me/card-code', roles: ['member'] },
  { name: 'GET /me/points', method: 'get', path: () => '/me/points', roles: ['member'] },
  { name: 'GET /me/export', method: 'get', path: () => '/me/export', roles: ['member'] },
  { name: 'DELETE /me', method: 'delete', path: () => '/me', roles: ['member'] },
  {
    name: 'GET /staff/members/lookup',
    method: 'get',
    path: (cast) => `/staff/members/lookup?phone=${cast.memberOfA.phone}`,
    roles: ['clerk', 'manager'],
  },
  {
    name: 'GET /members/{id}',
    method: 'get',
    path: (cast) => `/members/${cast.memberOfA.id}`,
    roles: ['clerk', 'manager'],
  },
  {
    name: 'PUT /members/{id}/clerk',
    method: 'put',
    path: (cast) => `/members/${cast.memberOfA.id}/clerk`,
    body: (cast) => ({ clerkId: cast.a.clerkId }),
    roles: ['manager'],
  },
  {
    name: 'POST /stores',
    method: 'post',
    path: () => '/stores',
    body: () => ({ name: unique('店'), city: '杭州', address: '延安路 100 号' }),
    roles: ['manager'],
  },
  {
    name: 'POST /staff',
    method: 'post',
    path: () => '/staff',
    body: (cast) => ({
      username: unique('staff'),
      password: 'clerk-passw0rd',
      name: '张店员',
      role: 'clerk',
      storeId: cast.a.store.id,
    }),
    roles: ['manager'],
  },
];
