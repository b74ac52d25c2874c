// CONTRACT.md's "who" column, row by row: every protected route of the Identity, Members, Stores
// and staff sections refuses callers without a valid token (401) and callers of the wrong role
// (403); a clerk sees their own store's members only, and other stores' members' phones masked;
// card codes expire (410) and cannot be forged (400); a member sees only their own data.
import type { CardCode, Me, MemberDetail, MemberSummary, Paginated, Role, Store } from '@vip-club/shared';
import type { Response } from 'supertest';
import { API, bearer, joinMember, loginAsNewVisitor } from '../factories/club.factory';
import { type Cast, createCast, maskedForm } from '../factories/contract/contract-cast';
import { describeAnswer, expectContractError, send } from '../factories/contract/contract-http';
import { PROTECTED_ROUTES, type ProtectedRoute } from '../factories/contract/contract-routes';
import {
  expiredCardCode,
  expiredLike,
  forgedLike,
  foreignCardCode,
  issuedCardCode,
  unsignedLike,
  withUnknownRole,
} from '../factories/contract/contract-tokens';
import { startTestApp, type TestApp } from '../setup/test-app';

const ROLES: Role[] = ['visitor', 'member', 'clerk', 'manager'];
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

/** A token of a real caller with that role (the member is A's member, the clerk A's clerk). */
function tokenOf(cast: Cast, role: Role): string {
  switch (role) {
    case 'visitor':
      return cast.visitor.accessToken;
    case 'member':
      return cast.memberOfA.accessToken;
    case 'clerk':
      return cast.a.clerkToken;
    case 'manager':
      return cast.managerToken;
  }
}

interface BadCredential {
  label: string;
  /** The Authorization header, from a real token of a caller the route admits. */
  header: (club: TestApp, allowedToken: string, cast: Cast) => string | undefined;
  codes: string[];
}

const BAD_CREDENTIALS: BadCredential[] = [
  { label: 'no token', header: () => undefined, codes: ['UNAUTHENTICATED'] },
  { label: 'an empty bearer', header: () => 'Bearer ', codes: ['UNAUTHENTICATED'] },
  { label: 'a garbage token', header: () => 'Bearer garbage', codes: ['UNAUTHENTICATED'] },
  { label: 'three garbage segments', header: () => 'Bearer aaa.bbb.ccc', codes: ['UNAUTHENTICATED'] },
  {
    label: 'a token signed with another key',
    header: (_c, t) => `Bearer ${forgedLike(t)}`,
    codes: ['UNAUTHENTICATED'],
  },
  {
    label: 'an unsigned token (alg none)',
    header: (_c, t) => `Bearer ${unsignedLike(t)}`,
    codes: ['UNAUTHENTICATED'],
  },
  {
    label: 'a truncated signature',
    header: (_c, t) => `Bearer ${t.slice(0, -6)}`,
    codes: ['UNAUTHENTICATED'],
  },
  // The contract fixes the status only; TOKEN_EXPIRED tells the client to refresh.
  {
    label: 'an expired token',
    header: (c, t) => `Bearer ${expiredLike(c, t)}`,
    codes: ['UNAUTHENTICATED', 'TOKEN_EXPIRED'],
  },
  {
    label: 'a role the club does not have',
    header: (c, t) => `Bearer ${withUnknownRole(c, t)}`,
    codes: ['UNAUTHENTICATED'],
  },
  // Opaque, not a JWT: it renews a session and must not open one.
  {
    label: 'a refresh token as the bearer',
    header: (_c, _t, cast) => `Bearer ${cast.memberOfA.refreshToken}`,
    codes: ['UNAUTHENTICATED'],
  },
  { label: 'the token under the Basic scheme', header: (_c, t) => `Basic ${t}`, codes: ['UNAUTHENTICATED'] },
];

function sendAs(
  club: TestApp,
  cast: Cast,
  route: ProtectedRoute,
  authorization: string | undefined,
): Promise<Response> {
  let call = club.request[route.method](`${API}${route.path(cast)}`);
  if (authorization !== undefined) call = call.set('Authorization', authorization);
  const body = route.body?.(cast);
  return body === undefined ? call : call.send(body);
}

describe('contract: who may call what (Identity, Members, Stores and staff)', () => {
  let club: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '100000' } });
    cast = await createCast(club.request);
  }, 120_000);

  afterAll(async () => {
    await club?.close();
  });

  describe('no valid token → 401', () => {
    const rows = PROTECTED_ROUTES.flatMap((route) =>
      BAD_CREDENTIALS.map((bad) => [route.name, bad.label, route, bad] as const),
    );
    it.each(rows)('%s with %s', async (_route, _label, route, bad) => {
      const res = await sendAs(club, cast, route, bad.header(club, tokenOf(cast, route.roles[0]), cast));
      expectContractError(res, 401, bad.codes);
    });
  });

  describe('the wrong role → 403 FORBIDDEN', () => {
    const rows = PROTECTED_ROUTES.flatMap((route) =>
      ROLES.filter((role) => !route.roles.includes(role)).map((role) => [route.name, role, route] as const),
    );
    it.each(rows)('%s as a %s', async (_route, role, route) => {
      const res = await sendAs(club, cast, route, `Bearer ${tokenOf(cast, role)}`);
      const other = route.otherwise?.[role];
      if (other) expectContractError(res, other.status, other.code);
      else expectContractError(res, 403, 'FORBIDDEN');
    });
  });

  describe('the right role gets through (controls for the rows above)', () => {
    const rows = PROTECTED_ROUTES.flatMap((route) =>
      route.roles.map((role) => [route.name, role, route] as const),
    );
    it.each(rows)('%s as a %s → 2xx', async (name, role, route) => {
      // Joining and erasing use up their caller: those rows get a caller of their own.
      let token = tokenOf(cast, role);
      if (name === 'POST /members') token = (await loginAsNewVisitor(club.request)).accessToken;
      if (name === 'DELETE /me') token = (await joinMember(club.request)).accessToken;
      const res = await sendAs(club, cast, route, `Bearer ${token}`);
      expect({ ok: res.status >= 200 && res.status < 300, answer: describeAnswer(res) }).toEqual({
        ok: true,
        answer: describeAnswer(res),
      });
    });
  });

  describe('public routes', () => {
    it.each([
      ['no token', undefined],
      ['a garbage token', 'Bearer garbage'],
      ['an expired token', 'expired'],
    ])('GET /stores and GET /health answer with %s', async (_label, header) => {
      const authorization =
        header === 'expired' ? `Bearer ${expiredLike(club, cast.memberOfA.accessToken)}` : header;
      const withAuth = (path: string) => {
        const call = club.request.get(`${API}${path}`);
        return authorization === undefined ? call : call.set('Authorization', authorization);
      };
      const stores = await withAuth('/stores?limit=100').expect(200);
      const ids = (stores.body as Paginated<Store>).items.map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([cast.a.store.id, cast.b.store.id]));
      const health = await withAuth('/health').expect(200);
      expect(health.body).toEqual({ status: 'ok', db: 'ok' });
    });

    it('the login routes work for a caller still sending a stale token', async () => {
      const stale = `Bearer ${expiredLike(club, cast.visitor.accessToken)}`;
      await club.request
        .post(`${API}/auth/wechat`)
        .set('Authorization', stale)
        .send({ code: 'sandbox:stale-token-user' })
        .expect(200);
      await club.request
        .post(`${API}/auth/staff`)
        .set('Authorization', stale)
        .send({ username: 'manager', password: 'wrong' })
        .expect(401);
    });
  });

  describe('a clerk sees their own store', () => {
    it("GET /members/{id}: own store's member → 200; another store's → 403; a member of no store → 403", async () => {
      const own = await club.request
        .get(`${API}/members/${cast.memberOfA.id}`)
        .set(bearer(cast.a.clerkToken))
        .expect(200);
      expect(own.body as MemberDetail).toMatchObject({
        id: cast.memberOfA.id,
        phone: cast.memberOfA.phone,
        storeId: cast.a.store.id,
      });

      const other = await send(club.request, {
        method: 'get',
        path: `/members/${cast.memberOfB.id}`,
        token: cast.a.clerkToken,
      });
      expectContractError(other, 403, 'FORBIDDEN');
      expect(JSON.stringify(other.body)).not.toContain(cast.memberOfB.phone);
      expect(JSON.stringify(other.body)).not.toContain(cast.memberOfB.name);

      const noStore = await send(club.request, {
        method: 'get',
        path: `/members/${cast.memberWithoutStore.id}`,
        token: cast.b.clerkToken,
      });
      expectContractError(noStore, 403, 'FORBIDDEN');
    });

    it('the manager reads every member, phone in full', async () => {
      for (const member of [cast.memberOfA, cast.memberOfB, cast.memberWithoutStore]) {
        const res = await club.request
          .get(`${API}/members/${member.id}`)
          .set(bearer(cast.managerToken))
          .expect(200);
        expect(res.body as MemberDetail).toMatchObject({
          id: member.id,
          name: member.name,
          phone: member.phone,
        });
      }
    });

    it('after PUT /members/{id}/clerk the new clerk’s store may read the member and the old one may not', async () => {
      const member = await joinMember(club.request, { storeId: cast.a.store.id });
      await club.request.get(`${API}/members/${member.id}`).set(bearer(cast.a.clerkToken)).expect(200);
      const moved = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(cast.managerToken))
        .send({ clerkId: cast.b.clerkId })
        .expect(200);
      expect(moved.body).toMatchObject({
        id: member.id,
        clerkId: cast.b.clerkId,
        storeId: cast.b.store.id,
        phone: member.phone,
      });

      const nowB = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(cast.b.clerkToken))
        .expect(200);
      expect(nowB.body).toMatchObject({ phone: member.phone, clerkId: cast.b.clerkId });
      expectContractError(
        await send(club.request, { method: 'get', path: `/members/${member.id}`, token: cast.a.clerkToken }),
        403,
        'FORBIDDEN',
      );
      const lookup = await club.request
        .get(`${API}/staff/members/lookup?phone=${member.phone}`)
        .set(bearer(cast.a.clerkToken))
        .expect(200);
      expect((lookup.body as MemberSummary).phone).toBe(maskedForm(member.phone));
    });
  });

  describe("lookup: the phone is masked for clerks of other stores (Member: 'phone (masked for clerks of other stores)')", () => {
    type Viewer = 'manager' | 'clerk of the member’s store' | 'clerk of another store';
    const viewers: Array<[Viewer, boolean]> = [
      ['manager', false],
      ['clerk of the member’s store', false],
      ['clerk of another store', true],
    ];
    const rows = viewers.flatMap(([viewer, masked]) =>
      (['phone', 'cardCode'] as const).map((by) => [by, viewer, masked] as const),
    );

    it.each(rows)('by %s, as the %s → masked: %s', async (by, viewer, masked) => {
      const token =
        viewer === 'manager'
          ? cast.managerToken
          : viewer === 'clerk of another store'
            ? cast.b.clerkToken
            : cast.a.clerkToken;
      const member = cast.memberOfA;
      let query = `phone=${member.phone}`;
      if (by === 'cardCode') {
        const card = (
          await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200)
        ).body as CardCode;
        query = `cardCode=${encodeURIComponent(card.code)}`;
      }
      const res = await club.request.get(`${API}/staff/members/lookup?${query}`).set(bearer(token));
      expect({ status: res.status, answer: describeAnswer(res) }).toEqual({
        status: 200,
        answer: describeAnswer(res),
      });
      const summary = res.body as MemberSummary;
      expect(summary).toMatchObject({ id: member.id, memberNo: member.memberNo, name: member.name });
      if (masked) {
        expect(summary.phone).toMatch(MASKED_PHONE);
        expect(summary.phone).toBe(maskedForm(member.phone));
        expect(JSON.stringify(res.body)).not.toContain(member.phone);
      } else {
        expect(summary.phone).toBe(member.phone);
      }
    });
  });

  describe('unknown members → 404 NOT_FOUND', () => {
    const unknownId = '987654321098';
    it.each([
      ['GET /members/{unknown} as the manager', 'get', `/members/${unknownId}`, 'manager'],
      ['GET /members/{unknown} as a clerk', 'get', `/members/${unknownId}`, 'clerk'],
      ['PUT /members/{unknown}/clerk', 'put', `/members/${unknownId}/clerk`, 'manager'],
      [
        'lookup by an unknown phone as the manager',
        'get',
        '/staff/members/lookup?phone=13000000001',
        'manager',
      ],
      ['lookup by an unknown phone as a clerk', 'get', '/staff/members/lookup?phone=13000000001', 'clerk'],
      ['lookup by a card code of a member id that never existed', 'get', 'card-of-unknown', 'clerk'],
    ] as const)('%s', async (_label, method, path, role) => {
      // A signed, current code whose member does not exist: only the club can make one.
      const target =
        path === 'card-of-unknown'
          ? `/staff/members/lookup?cardCode=${encodeURIComponent(issuedCardCode(club, unknownId).code)}`
          : path;
      const res = await send(club.request, {
        method,
        path: target,
        token: role === 'manager' ? cast.managerToken : cast.a.clerkToken,
        body: method === 'put' ? { clerkId: cast.a.clerkId } : undefined,
      });
      expectContractError(res, 404, 'NOT_FOUND');
    });

    it('PUT /members/{id}/clerk naming a manager as the clerk → a 4xx, member unchanged', async () => {
      const res = await send(club.request, {
        method: 'put',
        path: `/members/${cast.memberOfA.id}/clerk`,
        token: cast.managerToken,
        body: { clerkId: cast.managerId },
      });
      expect({ status: res.status >= 400 && res.status < 500, answer: describeAnswer(res) }).toEqual({
        status: true,
        answer: describeAnswer(res),
      });
      expect(res.body).toEqual({
        error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      });
      const after = await club.request
        .get(`${API}/members/${cast.memberOfA.id}`)
        .set(bearer(cast.managerToken))
        .expect(200);
      expect(after.body).toMatchObject({ clerkId: cast.a.clerkId, storeId: cast.a.store.id });
    });

    it('PUT /members/{id}/clerk with an unknown clerk → 404 NOT_FOUND, member unchanged', async () => {
      const res = await send(club.request, {
        method: 'put',
        path: `/members/${cast.memberOfA.id}/clerk`,
        token: cast.managerToken,
        body: { clerkId: unknownId },
      });
      expectContractError(res, 404, 'NOT_FOUND');
      const after = await club.request
        .get(`${API}/members/${cast.memberOfA.id}`)
        .set(bearer(cast.managerToken))
        .expect(200);
      expect(after.body).toMatchObject({ clerkId: cast.a.clerkId, storeId: cast.a.store.id });
    });
  });

  describe('card codes', () => {
    it('GET /me/card-code → {code, expiresAt} valid about 60 s, and a clerk’s lookup finds the member', async () => {
      const before = Date.now();
      const res = await club.request
        .get(`${API}/me/card-code`)
        .set(bearer(cast.memberOfB.accessToken))
        .expect(200);
      const card = res.body as CardCode;
      expect(card).toEqual({ code: expect.any(String), expiresAt: expect.any(String) });
      const lifetime = Date.parse(card.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(55_000);
      expect(lifetime).toBeLessThanOrEqual(61_000);
      const found = await club.request
        .get(`${API}/staff/members/lookup?cardCode=${encodeURIComponent(card.code)}`)
        .set(bearer(cast.b.clerkToken))
        .expect(200);
      expect((found.body as MemberSummary).id).toBe(cast.memberOfB.id);
    });

    it.each(['clerk', 'manager'] as const)(
      'an expired card code → 410 CARD_CODE_EXPIRED (as a %s)',
      async (role) => {
        const expired = expiredCardCode(club, cast.memberOfA.id);
        expect(Date.parse(expired.expiresAt)).toBeLessThan(Date.now());
        const res = await send(club.request, {
          method: 'get',
          path: `/staff/members/lookup?cardCode=${encodeURIComponent(expired.code)}`,
          token: role === 'manager' ? cast.managerToken : cast.a.clerkToken,
        });
        expectContractError(res, 410, 'CARD_CODE_EXPIRED');
        expect(JSON.stringify(res.body)).not.toContain(cast.memberOfA.phone);
      },
    );

    type Tamper = (fresh: CardCode, other: CardCode, expired: CardCode) => string;
    // The code is `<member>.<expiry>.<signature>`; these rows change one part and keep the others.
    const tampered: Array<[string, Tamper]> = [
      ['the last character changed', (c) => c.code.slice(0, -1) + (c.code.endsWith('A') ? 'B' : 'A')],
      ['a signature character changed', (c) => flipAt(c.code, c.code.lastIndexOf('.') + 3)],
      ['the signature dropped', (c) => c.code.slice(0, c.code.lastIndexOf('.'))],
      [
        'another member’s id with this signature',
        (c, o) => [o.code.split('.')[0], ...c.code.split('.').slice(1)].join('.'),
      ],
      [
        'an expired code given a fresh expiry',
        (c, _o, e) => [e.code.split('.')[0], c.code.split('.')[1], e.code.split('.')[2]].join('.'),
      ],
      ['signed by another club', () => foreignCardCode(cast.memberOfA.id).code],
      ['garbage', () => 'hello'],
      ['dots only', () => '..'],
      ['a JWT instead of a card code', () => cast.memberOfA.accessToken],
    ];
    it.each(tampered)('a tampered card code (%s) → 400 CARD_CODE_INVALID', async (_label, tamper) => {
      const fresh = (
        await club.request.get(`${API}/me/card-code`).set(bearer(cast.memberOfA.accessToken)).expect(200)
      ).body as CardCode;
      const other = (
        await club.request.get(`${API}/me/card-code`).set(bearer(cast.memberOfB.accessToken)).expect(200)
      ).body as CardCode;
      const code = tamper(fresh, other, expiredCardCode(club, cast.memberOfA.id));
      expect(code).not.toBe(fresh.code);
      const res = await send(club.request, {
        method: 'get',
        path: `/staff/members/lookup?cardCode=${encodeURIComponent(code)}`,
        token: cast.b.clerkToken,
      });
      expectContractError(res, 400, 'CARD_CODE_INVALID');
      expect(JSON.stringify(res.body)).not.toContain(cast.memberOfA.name);
      expect(JSON.stringify(res.body)).not.toContain(cast.memberOfB.name);
    });
  });

  describe("a member's own data only", () => {
    function othersData(): string[] {
      return [cast.memberOfB, cast.memberWithoutStore].flatMap((m) => [
        m.phone,
        m.name,
        m.memberNo,
        m.referralCode,
      ]);
    }

    it.each(['/me', '/me/export', '/me/points', '/me/card-code'])(
      'GET %s shows nothing of another member',
      async (path) => {
        const res = await club.request
          .get(`${API}${path}`)
          .set(bearer(cast.memberOfA.accessToken))
          .expect(200);
        const text = JSON.stringify(res.body);
        for (const value of othersData())
          expect({ path, leaked: value, found: text.includes(value) }).toEqual({
            path,
            leaked: value,
            found: false,
          });
      },
    );

    it('GET /me and GET /me/export are the caller’s own record', async () => {
      const me = (await club.request.get(`${API}/me`).set(bearer(cast.memberOfA.accessToken)).expect(200))
        .body as Me;
      expect(me).toMatchObject({
        id: cast.memberOfA.id,
        phone: cast.memberOfA.phone,
        name: cast.memberOfA.name,
      });
      const exported = await club.request
        .get(`${API}/me/export`)
        .set(bearer(cast.memberOfB.accessToken))
        .expect(200);
      expect(JSON.stringify(exported.body)).toContain(cast.memberOfB.phone);
      expect(JSON.stringify(exported.body)).toContain(cast.memberOfB.memberNo);
    });

    it("a member's card code always names that member, whatever else the request says", async () => {
      const card = await club.request
        .get(`${API}/me/card-code?memberId=${cast.memberOfB.id}`)
        .set(bearer(cast.memberOfA.accessToken));
      // Either the unknown parameter is refused, or it is ignored and the code is A's own.
      if (card.status === 200) {
        const found = await club.request
          .get(`${API}/staff/members/lookup?cardCode=${encodeURIComponent((card.body as CardCode).code)}`)
          .set(bearer(cast.managerToken))
          .expect(200);
        expect((found.body as MemberSummary).id).toBe(cast.memberOfA.id);
      } else {
        expectContractError(card, 400, 'VALIDATION_FAILED');
      }
    });

    it('an erased member: old tokens stop working, staff cannot find them, the platform user is a visitor again', async () => {
      const member = await joinMember(club.request, { storeId: cast.a.store.id });
      const card = (await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200))
        .body as CardCode;
      await club.request.delete(`${API}/me`).set(bearer(member.accessToken)).expect(204);

      for (const path of ['/me', '/me/export', '/me/card-code']) {
        expectContractError(
          await send(club.request, { method: 'get', path, token: member.accessToken }),
          401,
          'UNAUTHENTICATED',
        );
      }
      const refreshed = await send(club.request, {
        method: 'post',
        path: '/auth/refresh',
        body: { refreshToken: member.refreshToken },
      });
      expectContractError(refreshed, 401, 'UNAUTHENTICATED');
      for (const query of [`phone=${member.phone}`, `cardCode=${encodeURIComponent(card.code)}`]) {
        const res = await send(club.request, {
          method: 'get',
          path: `/staff/members/lookup?${query}`,
          token: cast.a.clerkToken,
        });
        expectContractError(res, 404, 'NOT_FOUND');
      }
      const again = await club.request
        .post(`${API}/auth/wechat`)
        .send({ code: `sandbox:${member.visitor.platformUserId}` })
        .expect(200);
      expect(again.body.member).toBeNull();
    });
  });
});

function flipAt(text: string, index: number): string {
  const ch = text[index];
  return text.slice(0, index) + (ch === 'A' ? 'B' : 'A') + text.slice(index + 1);
}
