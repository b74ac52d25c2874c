// CONTRACT.md: "Unknown or malformed fields are a 400 VALIDATION_FAILED whose `details` name each
// bad field. A request never gets a 500 for bad input." One row per route × case, generated from
// the shape of each route's body, plus the bad path ids and queries; and nothing a rejected request
// carried may stick.
import type { Me, Member, Paginated, Store } from '@vip-club/shared';
import type { Response } from 'supertest';
import {
  API,
  bearer,
  joinBody,
  joinMember,
  loginAsNewVisitor,
  loginStaff,
  unique,
} from '../factories/club.factory';
import { type Cast, createCast } from '../factories/contract/contract-cast';
import {
  type ContractRequest,
  detailPaths,
  expectContractError,
  expectNever500,
  expectValidationFailed,
  OVERSIZED,
  overLargeBody,
  send,
  truncatedJson,
  withField,
} from '../factories/contract/contract-http';
import { type Body, BODY_ROUTES, type BodyRoute } from '../factories/contract/contract-routes';
import { startTestApp, type TestApp } from '../setup/test-app';

type Expectation = { status: 'good' } | { status: 400; fields: string[] } | { status: 413 };

interface BodyCase {
  label: string;
  request: (good: Body) => Pick<ContractRequest, 'body' | 'raw' | 'contentType'>;
  expect: Expectation;
}

const invalid = (fields: string[] = []): Expectation => ({ status: 400, fields });

/** Deep enough to trip a naive recursive parser or validator, small enough to stay under 64 KB. */
const DEEPLY_NESTED = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;

/** Every case for one route: the body as a whole, then each field by its kind. */
function bodyCases(route: BodyRoute): BodyCase[] {
  const firstString = route.strings[0];
  const cases: BodyCase[] = [
    // Without this row every other row could pass against a route that refuses everything.
    { label: 'the good body is accepted', request: (good) => ({ body: good }), expect: { status: 'good' } },
    {
      label: 'malformed JSON (truncated body)',
      request: (good) => ({ raw: truncatedJson(good) }),
      expect: invalid(),
    },
    { label: 'JSON null as the body', request: () => ({ raw: 'null' }), expect: invalid() },
    {
      label: 'a JSON array as the body',
      request: (good) => ({ raw: JSON.stringify([good]) }),
      expect: invalid(),
    },
    { label: 'a JSON string as the body', request: () => ({ raw: '"hello"' }), expect: invalid() },
    { label: 'an empty body sent as JSON', request: () => ({ raw: '' }), expect: invalid() },
    {
      label: 'the good body as text/plain',
      request: (good) => ({ raw: JSON.stringify(good), contentType: 'text/plain' }),
      expect: invalid(),
    },
    {
      label: 'a __proto__ key (prototype pollution)',
      request: (good) => ({ raw: `{"__proto__":{"isAdmin":true},${JSON.stringify(good).slice(1)}` }),
      expect: invalid(),
    },
    { label: 'JSON nested 5,000 deep', request: () => ({ raw: DEEPLY_NESTED }), expect: invalid() },
    {
      label: `an over-large body (> 64 KB in ${firstString})`,
      request: (good) => ({ raw: overLargeBody(good, firstString) }),
      expect: { status: 413 },
    },
  ];
  if (route.required.length > 0) {
    const topLevel = route.required.filter((f) => !f.includes('.'));
    cases.push({
      label: `all required fields missing ({} names ${topLevel.join(', ')})`,
      request: () => ({ body: {} }),
      expect: invalid(topLevel),
    });
  }
  for (const field of route.required) {
    cases.push({
      label: `missing ${field}`,
      request: (good) => ({ body: withField(good, field, undefined) }),
      expect: invalid([field]),
    });
    cases.push({
      label: `${field}: null`,
      request: (good) => ({ body: withField(good, field, null) }),
      expect: invalid([field]),
    });
  }
  for (const field of route.strings) {
    cases.push({
      label: `oversized ${field} (10,000 chars)`,
      request: (good) => ({ body: withField(good, field, OVERSIZED) }),
      expect: invalid([field]),
    });
    cases.push({
      label: `a number for the string ${field}`,
      request: (good) => ({ body: withField(good, field, 42) }),
      expect: invalid([field]),
    });
  }
  if (route.strings.length > 1) {
    // 5,000 chars each: still far past every limit, and the whole body stays under 64 KB.
    const long = 'x'.repeat(5_000);
    cases.push({
      label: `every string oversized at once (5,000 chars; names ${route.strings.join(', ')})`,
      request: (good) => ({ body: route.strings.reduce((body, f) => withField(body, f, long), good) }),
      expect: invalid(route.strings),
    });
  }
  for (const field of route.booleans) {
    cases.push({
      label: `a string for the boolean ${field}`,
      request: (good) => ({ body: withField(good, field, 'true') }),
      expect: invalid([field]),
    });
    cases.push({
      label: `a number for the boolean ${field}`,
      request: (good) => ({ body: withField(good, field, 1) }),
      expect: invalid([field]),
    });
  }
  for (const field of route.arrays) {
    cases.push({
      label: `an object for the array ${field}`,
      request: (good) => ({ body: withField(good, field, { 0: '翡翠' }) }),
      expect: invalid([field]),
    });
    cases.push({
      label: `a string for the array ${field}`,
      request: (good) => ({ body: withField(good, field, '翡翠') }),
      expect: invalid([field]),
    });
  }
  for (const field of route.objects) {
    cases.push({
      label: `a string for the object ${field}`,
      request: (good) => ({ body: withField(good, field, 'yes') }),
      expect: invalid([field]),
    });
    cases.push({
      label: `an array for the object ${field}`,
      request: (good) => ({ body: withField(good, field, [true]) }),
      expect: invalid([field]),
    });
  }
  cases.push({
    label: 'an unknown extra field',
    request: (good) => ({ body: { ...good, unexpectedField: 'x' } }),
    expect: invalid(['unexpectedField']),
  });
  for (const [field, value] of Object.entries(route.forbiddenExtras)) {
    cases.push({
      label: `a field the caller may not set: ${field}`,
      request: (good) => ({ body: { ...good, [field]: value } }),
      expect: invalid([field]),
    });
  }
  for (const badValue of route.badValues) {
    cases.push({
      label: badValue.label,
      request: (good) => ({ body: badValue.body(good) }),
      expect: invalid(badValue.fields),
    });
  }
  return cases;
}

function expectAnswer(res: Response, expectation: Expectation, goodStatus: number): void {
  expectNever500(res);
  if (expectation.status === 'good') {
    expect({ status: res.status, body: res.body }).toEqual({ status: goodStatus, body: expect.anything() });
  } else if (expectation.status === 413) {
    expectContractError(res, 413, 'PAYLOAD_TOO_LARGE');
  } else {
    expectValidationFailed(res, expectation.fields);
  }
}

/** For failures of the query as a whole (neither or both lookup keys): the details still say which fields. */
function expectDetailsMention(res: Response, fields: readonly string[]): void {
  const text = JSON.stringify((res.body as { error?: { details?: unknown } }).error?.details ?? null);
  for (const field of fields)
    expect({ field, details: text }).toEqual({ field, details: expect.stringContaining(field) });
}

describe('contract: bad input (Identity, Members, Stores and staff)', () => {
  let club: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    // The auth limit is not under test here; a table of ~60 login-route rows must not trip it.
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '100000' } });
    cast = await createCast(club.request);
  }, 120_000);

  afterAll(async () => {
    await club?.close();
  });

  describe.each(BODY_ROUTES.map((route) => [route.name, route] as const))('%s body', (_name, route) => {
    it.each(bodyCases(route).map((c) => [c.label, c] as const))('%s', async (_label, row) => {
      const token = await route.token(cast, club.request);
      const good = await route.good(cast, club.request);
      const res = await send(club.request, {
        method: route.method,
        path: route.path(cast),
        token,
        ...row.request(good),
      });
      expectAnswer(res, row.expect, route.goodStatus);
    });
  });

  describe('bad path ids → 400 naming id', () => {
    const ids = [
      'abc',
      '0',
      '-1',
      '01',
      '1.5',
      '1e3',
      '0x1f',
      '%20',
      '1%3B%20DROP%20TABLE%20members',
      '9'.repeat(20),
      '9'.repeat(200),
    ];
    const rows = ids.flatMap((id) => [
      [`GET /members/${id.length > 30 ? `<${id.length} digits>` : id}`, 'get', `/members/${id}`] as const,
      [
        `PUT /members/${id.length > 30 ? `<${id.length} digits>` : id}/clerk`,
        'put',
        `/members/${id}/clerk`,
      ] as const,
    ]);
    it.each(rows)('%s', async (_label, method, path) => {
      const res = await send(club.request, {
        method,
        path,
        token: cast.managerToken,
        body: method === 'put' ? { clerkId: cast.a.clerkId } : undefined,
      });
      expectNever500(res);
      expectValidationFailed(res, ['id']);
    });
  });

  describe('bad queries → 400 naming the parameter', () => {
    type Who = 'anyone' | 'member' | 'manager' | 'clerk';
    const rows: Array<readonly [string, Who, string, string[]]> = [
      ['GET /stores?limit=1000', 'anyone', '/stores?limit=1000', ['limit']],
      ['GET /stores?limit=101', 'anyone', '/stores?limit=101', ['limit']],
      ['GET /stores?limit=0', 'anyone', '/stores?limit=0', ['limit']],
      ['GET /stores?limit=-1', 'anyone', '/stores?limit=-1', ['limit']],
      ['GET /stores?limit=abc', 'anyone', '/stores?limit=abc', ['limit']],
      ['GET /stores?limit=2.5', 'anyone', '/stores?limit=2.5', ['limit']],
      ['GET /stores?limit= (empty)', 'anyone', '/stores?limit=', ['limit']],
      ['GET /stores?limit=1&limit=2', 'anyone', '/stores?limit=1&limit=2', ['limit']],
      ['GET /stores?cursor= (empty)', 'anyone', '/stores?cursor=', ['cursor']],
      ['GET /stores?cursor=not-a-cursor', 'anyone', '/stores?cursor=not-a-cursor', ['cursor']],
      ['GET /stores?cursor=<10,000 chars>', 'anyone', `/stores?cursor=${OVERSIZED}`, ['cursor']],
      ['GET /stores?sort=name (unknown)', 'anyone', '/stores?sort=name', ['sort']],
      ['GET /me/points?limit=1000', 'member', '/me/points?limit=1000', ['limit']],
      ['GET /me/points?limit=0', 'member', '/me/points?limit=0', ['limit']],
      ['GET /me/points?cursor=abc', 'member', '/me/points?cursor=abc', ['cursor']],
      ['GET /me/points?memberId=1 (unknown)', 'member', '/me/points?memberId=1', ['memberId']],
      ['lookup ?phone=123', 'manager', '/staff/members/lookup?phone=123', ['phone']],
      ['lookup ?phone=1380013800a', 'clerk', '/staff/members/lookup?phone=1380013800a', ['phone']],
      ['lookup ?phone=<10,000 chars>', 'manager', `/staff/members/lookup?phone=${OVERSIZED}`, ['phone']],
      ['lookup ?phone= (empty)', 'manager', '/staff/members/lookup?phone=', ['phone']],
      ['lookup ?cardCode= (empty)', 'clerk', '/staff/members/lookup?cardCode=', ['cardCode']],
      [
        'lookup ?cardCode=<10,000 chars>',
        'manager',
        `/staff/members/lookup?cardCode=${OVERSIZED}`,
        ['cardCode'],
      ],
      [
        'lookup ?phone=&memberId=1 (unknown)',
        'manager',
        '/staff/members/lookup?phone=13800138000&memberId=1',
        ['memberId'],
      ],
    ];
    it.each(rows)('%s', async (_label, who, path, fields) => {
      const token =
        who === 'anyone'
          ? undefined
          : who === 'member'
            ? cast.memberOfA.accessToken
            : who === 'clerk'
              ? cast.a.clerkToken
              : cast.managerToken;
      const res = await send(club.request, { method: 'get', path, token });
      expectNever500(res);
      expectValidationFailed(res, fields);
    });

    it.each([
      ['neither cardCode nor phone', '/staff/members/lookup'],
      ['both cardCode and phone', '/staff/members/lookup?cardCode=x&phone=13800138000'],
    ])('lookup with %s → 400 whose details speak of cardCode and phone', async (_label, path) => {
      for (const token of [cast.managerToken, cast.a.clerkToken]) {
        const res = await send(club.request, { method: 'get', path, token });
        expectNever500(res);
        expectValidationFailed(res, []);
        expectDetailsMention(res, ['cardCode', 'phone']);
      }
    });

    it('accepts the largest limit and a cursor it handed out (controls for the rows above)', async () => {
      const page = await club.request.get(`${API}/stores?limit=1`).expect(200);
      const body = page.body as Paginated<Store>;
      expect(body.items).toHaveLength(1);
      expect(body.nextCursor).toEqual(expect.any(String));
      await club.request
        .get(`${API}/stores?limit=100&cursor=${encodeURIComponent(body.nextCursor as string)}`)
        .expect(200);
      await club.request
        .get(`${API}/me/points?limit=100`)
        .set(bearer(cast.memberOfA.accessToken))
        .expect(200);
    });
  });

  describe('nothing is lost', () => {
    it('a visitor whose join was refused (many ways) can still join with a good body, with the same phone', async () => {
      const visitor = await loginAsNewVisitor(club.request, 'alipay');
      const good = joinBody({ name: unique('林') });
      const refusals: Array<Pick<ContractRequest, 'body' | 'raw'>> = [
        { raw: truncatedJson(good) },
        { raw: overLargeBody(good, 'occupation') },
        { body: withField(good, 'name', undefined) },
        { body: withField(good, 'consent.marketing', 'true') },
        { body: withField(good, 'name', OVERSIZED) },
        { body: { ...good, points: 100000 } },
        { body: { ...good, interests: { 0: '翡翠' } } },
      ];
      for (const refusal of refusals) {
        const res = await send(club.request, {
          method: 'post',
          path: '/members',
          token: visitor.accessToken,
          ...refusal,
        });
        expectNever500(res);
        expect([400, 413]).toContain(res.status);
      }

      const joined = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(good)
        .expect(201);
      const member = joined.body as Member & { accessToken: string };
      expect(member).toMatchObject({
        name: good.name,
        phone: good.phoneCode.replace('sandbox:', ''),
        points: 0,
        tier: 'friend',
      });
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect((me.body as Me).interests).toEqual(good.interests);
      const again = await club.request
        .post(`${API}/auth/alipay`)
        .send({ code: `sandbox:${visitor.platformUserId}` })
        .expect(200);
      expect(again.body.member).toMatchObject({ id: member.id });
    });

    it.each(['wechat', 'alipay'] as const)(
      '%s: a visitor whose phone code or store the club cannot use gets a 4xx, then joins',
      async (platform) => {
        const visitor = await loginAsNewVisitor(club.request, platform);
        const good = joinBody();
        for (const changes of [
          { phoneCode: 'not-a-platform-code' },
          { phoneCode: 'sandbox:abc' },
          { phoneCode: 'sandbox:' },
          { phoneCode: 'sandbox:1380013800' },
          { phoneCode: 'sandbox:99999999999' },
          { storeId: '987654321098' },
        ]) {
          const res = await send(club.request, {
            method: 'post',
            path: '/members',
            token: visitor.accessToken,
            body: { ...good, ...changes },
          });
          expectNever500(res);
          expect({ changes, status: res.status, answer: res.body }).toEqual({
            changes,
            status: expect.any(Number),
            answer: {
              error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            },
          });
          expect(res.status).toBeGreaterThanOrEqual(400);
        }
        await club.request.post(`${API}/members`).set(bearer(visitor.accessToken)).send(good).expect(201);
      },
    );

    it("a refused PATCH /me changes nothing of the member's data, not even its valid fields", async () => {
      const member = await joinMember(club.request, { birthday: '05-17' }, 'wechat');
      const read = async () =>
        (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200)).body as Me;
      const before = await read();
      const validName = unique('改');
      const refusals: Array<Pick<ContractRequest, 'body' | 'raw'>> = [
        { body: { name: validName, tier: 'diamond' } },
        { body: { name: validName, points: 100000 } },
        { body: { name: validName, interests: { 0: '钻石' } } },
        { body: { occupation: '医生', consent: { marketing: 'no' } } },
        { body: { name: validName, birthday: '1990-02-30' } },
        { body: { name: validName, phone: '13800138000' } },
        { body: { name: OVERSIZED } },
        { raw: truncatedJson({ name: validName, occupation: '医生' }) },
        { raw: overLargeBody({ name: validName }, 'occupation') },
      ];
      for (const refusal of refusals) {
        const res = await send(club.request, {
          method: 'patch',
          path: '/me',
          token: member.accessToken,
          ...refusal,
        });
        expectNever500(res);
        expect([400, 413]).toContain(res.status);
      }
      expect(await read()).toEqual(before);

      // Control: the same change, well formed, does land.
      await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send({ name: validName })
        .expect(200);
      expect(await read()).toEqual({ ...before, name: validName });
    });

    it('a refused POST /staff does not take the username; a refused POST /stores adds no store', async () => {
      const username = unique('keep');
      const staffBody = {
        username,
        password: 'clerk-passw0rd',
        name: '李店员',
        role: 'clerk',
        storeId: cast.b.store.id,
      };
      const refusedStaff = await send(club.request, {
        method: 'post',
        path: '/staff',
        token: cast.managerToken,
        body: { ...staffBody, isActive: true },
      });
      expectValidationFailed(refusedStaff, ['isActive']);
      await club.request.post(`${API}/staff`).set(bearer(cast.managerToken)).send(staffBody).expect(201);
      await loginStaff(club.request, username, 'clerk-passw0rd');

      const storeName = unique('未开');
      const storeBody = { name: storeName, city: '苏州', address: '观前街 1 号' };
      for (const body of [
        { ...storeBody, id: '1' },
        { ...storeBody, city: 7 },
        { ...storeBody, address: OVERSIZED },
      ]) {
        const res = await send(club.request, {
          method: 'post',
          path: '/stores',
          token: cast.managerToken,
          body,
        });
        expectNever500(res);
        expect(res.status).toBe(400);
      }
      const listed = async () =>
        (
          (await club.request.get(`${API}/stores?limit=100`).expect(200)).body as Paginated<Store>
        ).items.filter((s) => s.name === storeName);
      expect(await listed()).toHaveLength(0);
      await club.request.post(`${API}/stores`).set(bearer(cast.managerToken)).send(storeBody).expect(201);
      expect(await listed()).toHaveLength(1);
    });

    it("a refused PUT /members/{id}/clerk leaves the member's clerk and store as they were", async () => {
      const read = async () =>
        (
          await club.request
            .get(`${API}/members/${cast.memberOfB.id}`)
            .set(bearer(cast.managerToken))
            .expect(200)
        ).body as Member;
      const before = await read();
      expect(before).toMatchObject({ storeId: cast.b.store.id, clerkId: cast.b.clerkId });
      for (const body of [
        { clerkId: cast.a.clerkId, storeId: cast.a.store.id },
        { clerkId: Number(cast.a.clerkId) },
        { clerkId: [cast.a.clerkId] },
      ]) {
        const res = await send(club.request, {
          method: 'put',
          path: `/members/${cast.memberOfB.id}/clerk`,
          token: cast.managerToken,
          body,
        });
        expectNever500(res);
        expect(res.status).toBe(400);
      }
      expect(await read()).toEqual(before);
    });
  });

  describe("the contract's conflicts on these routes", () => {
    it('PATCH /me with a birthday once it is set → 409 BIRTHDAY_LOCKED, birthday unchanged', async () => {
      const member = await joinMember(club.request, { birthday: '1988-11-02' });
      const res = await send(club.request, {
        method: 'patch',
        path: '/me',
        token: member.accessToken,
        body: { birthday: '1988-12-02' },
      });
      expectContractError(res, 409, 'BIRTHDAY_LOCKED');
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect((me.body as Me).birthday).toBe('1988-11-02');
    });

    it('POST /members by a member → 409 ALREADY_MEMBER', async () => {
      const res = await send(club.request, {
        method: 'post',
        path: '/members',
        token: cast.memberOfA.accessToken,
        body: joinBody(),
      });
      expectContractError(res, 409, 'ALREADY_MEMBER');
    });

    it('POST /auth/staff with a wrong password → 401 BAD_CREDENTIALS', async () => {
      const res = await send(club.request, {
        method: 'post',
        path: '/auth/staff',
        body: { username: 'manager', password: 'wrong-password' },
      });
      expectContractError(res, 401, 'BAD_CREDENTIALS');
    });
  });

  it('every VALIDATION_FAILED names its fields by path, never by a stack or SQL', async () => {
    const res = await send(club.request, {
      method: 'post',
      path: '/members',
      token: cast.visitor.accessToken,
      body: { ...joinBody(), name: { $gt: '' }, storeId: "1' OR '1'='1" },
    });
    expectValidationFailed(res, ['name', 'storeId']);
    expect(detailPaths(res)).not.toContain(undefined);
    expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(t|j)s:\d+|SELECT|INSERT|QueryFailedError/);
  });
});
