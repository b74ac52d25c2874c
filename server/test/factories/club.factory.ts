// Builders for the club's people, through the real HTTP API only: each call makes new,
// independent data, so tests never share mutable fixtures.
import type {
  JoinInput,
  JoinResponse,
  Platform,
  PlatformLoginResponse,
  StaffLoginResponse,
  Store,
} from '@vip-club/shared';
import { TEST_MANAGER_PASSWORD, TEST_MANAGER_USERNAME, type TestAgent } from '../setup/test-app';

export const API = '/api/v1';

let sequence = 0;
/** A value unique within this test process (and random enough across processes sharing nothing). */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}${Math.floor(Math.random() * 1e4)}`;
}

/** A mainland mobile number not used before in this process. */
export function uniquePhone(): string {
  sequence += 1;
  const tail = String((Date.now() * 7 + sequence * 7919 + Math.floor(Math.random() * 1e6)) % 1e8).padStart(
    8,
    '0',
  );
  return `139${tail}`;
}

/** The fields a 400 VALIDATION_FAILED names. */
export function fieldsOf(body: { error: { details?: Array<{ path: string }> } }): string[] {
  return (body.error.details ?? []).map((d) => d.path);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Visitor extends PlatformLoginResponse {
  platform: Platform;
  platformUserId: string;
}

/** A platform user logging in for the first time through the sandbox: role `visitor`. */
export async function loginAsNewVisitor(
  http: TestAgent,
  platform: Platform = 'wechat',
  platformUserId = unique('u-'),
): Promise<Visitor> {
  const res = await http
    .post(`${API}/auth/${platform}`)
    .send({ code: `sandbox:${platformUserId}` })
    .expect(200);
  return { ...(res.body as PlatformLoginResponse), platform, platformUserId };
}

export function joinBody(overrides: Partial<JoinInput> = {}): JoinInput {
  return {
    name: '林小雨',
    gender: 'female',
    birthday: '1990-05-17',
    phoneCode: `sandbox:${uniquePhone()}`,
    interests: ['翡翠', '黄金'],
    occupation: '设计师',
    consent: { marketing: true },
    ...overrides,
  };
}

export interface JoinedMember extends JoinResponse {
  visitor: Visitor;
  phone: string;
}

/** A new visitor who joins: the answer of POST /members with the member's tokens. */
export async function joinMember(
  http: TestAgent,
  overrides: Partial<JoinInput> = {},
  platform: Platform = 'wechat',
): Promise<JoinedMember> {
  const visitor = await loginAsNewVisitor(http, platform);
  const body = joinBody(overrides);
  const res = await http.post(`${API}/members`).set(bearer(visitor.accessToken)).send(body).expect(201);
  return { ...(res.body as JoinResponse), visitor, phone: body.phoneCode.replace('sandbox:', '') };
}

export async function loginStaff(
  http: TestAgent,
  username: string,
  password: string,
): Promise<StaffLoginResponse> {
  const res = await http.post(`${API}/auth/staff`).send({ username, password }).expect(200);
  return res.body as StaffLoginResponse;
}

/** The bootstrap manager every test app starts with. */
export function loginManager(http: TestAgent): Promise<StaffLoginResponse> {
  return loginStaff(http, TEST_MANAGER_USERNAME, TEST_MANAGER_PASSWORD);
}

export async function createStore(
  http: TestAgent,
  managerToken: string,
  name = unique('门店'),
): Promise<Store> {
  const res = await http
    .post(`${API}/stores`)
    .set(bearer(managerToken))
    .send({ name, city: '上海', address: '黄陂南路 1 号' })
    .expect(201);
  return res.body as Store;
}

export const CLERK_PASSWORD = 'clerk-passw0rd';

export interface StoreAndClerk {
  store: Store;
  clerk: { id: string; username: string };
  clerkToken: string;
}

/** A new store with one clerk, logged in. */
export async function createStoreAndClerk(http: TestAgent, managerToken: string): Promise<StoreAndClerk> {
  const store = await createStore(http, managerToken);
  const clerk = await createClerk(http, managerToken, store.id);
  const login = await loginStaff(http, clerk.username, CLERK_PASSWORD);
  return { store, clerk, clerkToken: login.accessToken };
}

export async function createClerk(
  http: TestAgent,
  managerToken: string,
  storeId: string,
): Promise<{ id: string; username: string }> {
  const username = unique('clerk');
  const res = await http
    .post(`${API}/staff`)
    .set(bearer(managerToken))
    .send({ username, password: CLERK_PASSWORD, name: '王店员', role: 'clerk', storeId })
    .expect(201);
  return { id: res.body.id as string, username };
}
