import { JwtService } from '@nestjs/jwt';
import { startTestApp, TEST_MANAGER_PASSWORD, TEST_MANAGER_USERNAME, type TestApp } from '../setup/test-app';
import { API, bearer, joinMember, loginAsNewVisitor, loginManager, unique } from '../factories/club.factory';

function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('identity: /auth/*', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
  });
  afterAll(async () => {
    await club?.close();
  });

  describe('platform login', () => {
    it.each(['wechat', 'alipay'] as const)(
      'logs a new %s user in as a visitor with no member',
      async (platform) => {
        const visitor = await loginAsNewVisitor(club.request, platform);
        expect(visitor.member).toBeNull();
        expect(visitor.refreshToken).toEqual(expect.any(String));
        const claims = claimsOf(visitor.accessToken);
        expect(claims).toMatchObject({
          role: 'visitor',
          identityId: expect.any(String),
          sub: expect.any(String),
        });
        expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60);
      },
    );

    it('lets a visitor read the stores but nothing of a member', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      await club.request.get(`${API}/stores`).set(bearer(visitor.accessToken)).expect(200);
      const me = await club.request.get(`${API}/me`).set(bearer(visitor.accessToken)).expect(403);
      expect(me.body.error.code).toBe('FORBIDDEN');
      const lookup = await club.request
        .get(`${API}/staff/members/lookup?phone=13900000000`)
        .set(bearer(visitor.accessToken))
        .expect(403);
      expect(lookup.body.error.code).toBe('FORBIDDEN');
    });

    it('returns the member on the next login once the platform user has joined', async () => {
      const joined = await joinMember(club.request);
      const again = await club.request
        .post(`${API}/auth/wechat`)
        .send({ code: `sandbox:${joined.visitor.platformUserId}` })
        .expect(200);
      expect(again.body.member).toMatchObject({
        id: joined.id,
        memberNo: joined.memberNo,
        phone: joined.phone,
      });
      expect(claimsOf(again.body.accessToken)).toMatchObject({ role: 'member', sub: joined.id });
    });

    it('keeps WeChat and Alipay users with the same id apart', async () => {
      const id = unique('same-');
      const joined = await joinMember(club.request, {}, 'wechat');
      const wechatAgain = await loginAsNewVisitor(club.request, 'wechat', joined.visitor.platformUserId);
      expect(wechatAgain.member?.id).toBe(joined.id);
      const alipay = await loginAsNewVisitor(club.request, 'alipay', joined.visitor.platformUserId);
      expect(alipay.member).toBeNull();
      const a = await loginAsNewVisitor(club.request, 'alipay', id);
      const b = await loginAsNewVisitor(club.request, 'alipay', id);
      expect(claimsOf(a.accessToken).identityId).toBe(claimsOf(b.accessToken).identityId);
    });

    it('answers a code the platform rejects with 401 PLATFORM_LOGIN_FAILED', async () => {
      const res = await club.request
        .post(`${API}/auth/wechat`)
        .send({ code: 'not-a-sandbox-code' })
        .expect(401);
      expect(res.body.error.code).toBe('PLATFORM_LOGIN_FAILED');
    });
  });

  describe('staff login', () => {
    it('logs the bootstrap manager in', async () => {
      const res = await club.request
        .post(`${API}/auth/staff`)
        .send({ username: TEST_MANAGER_USERNAME, password: TEST_MANAGER_PASSWORD })
        .expect(200);
      expect(res.body.staff).toEqual({ id: expect.any(String), role: 'manager', storeId: null });
      expect(claimsOf(res.body.accessToken)).toMatchObject({ role: 'manager', sub: res.body.staff.id });
      expect(res.body.refreshToken).toEqual(expect.any(String));
    });

    it('answers a wrong password and an unknown user alike: 401 BAD_CREDENTIALS, in similar time', async () => {
      const wrongTimes: number[] = [];
      const unknownTimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        let start = performance.now();
        const wrong = await club.request
          .post(`${API}/auth/staff`)
          .send({ username: TEST_MANAGER_USERNAME, password: 'not-the-password' })
          .expect(401);
        wrongTimes.push(performance.now() - start);
        start = performance.now();
        const unknown = await club.request
          .post(`${API}/auth/staff`)
          .send({ username: 'nobody-here', password: 'not-the-password' })
          .expect(401);
        unknownTimes.push(performance.now() - start);
        expect(wrong.body).toEqual(unknown.body);
        expect(wrong.body.error.code).toBe('BAD_CREDENTIALS');
      }
      // An unknown user still pays for a password hash; without it the answer would be ~10x faster.
      expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.3);
    });
  });

  describe('refresh', () => {
    it('rotates the refresh token; reusing a spent one revokes the whole family', async () => {
      const login = await loginManager(club.request);
      const first = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: login.refreshToken })
        .expect(200);
      expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });
      expect(first.body.refreshToken).not.toBe(login.refreshToken);
      expect(claimsOf(first.body.accessToken)).toMatchObject({ role: 'manager' });
      await club.request.get(`${API}/staff`).set(bearer(first.body.accessToken)).expect(200);

      const reuse = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: login.refreshToken })
        .expect(401);
      expect(reuse.body.error.code).toBe('UNAUTHENTICATED');
      // The thief's reuse also ends the legitimate holder's chain: both must log in again.
      const after = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: first.body.refreshToken })
        .expect(401);
      expect(after.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('gives a visitor who has since joined a member token on refresh', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      const joined = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send({
          name: '周一',
          gender: 'male',
          birthday: '03-08',
          phoneCode: 'sandbox:13712345678',
          interests: [],
          consent: { marketing: false },
        })
        .expect(201);
      const refreshed = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: visitor.refreshToken })
        .expect(200);
      expect(claimsOf(refreshed.body.accessToken)).toMatchObject({ role: 'member', sub: joined.body.id });
    });

    it('answers an unknown refresh token with 401 UNAUTHENTICATED', async () => {
      const res = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: 'x'.repeat(43) })
        .expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('access tokens', () => {
    it('answers no token, a garbled token and a forged token with 401 UNAUTHENTICATED', async () => {
      const none = await club.request.get(`${API}/me`).expect(401);
      expect(none.body.error.code).toBe('UNAUTHENTICATED');
      const garbled = await club.request.get(`${API}/me`).set(bearer('not.a.jwt')).expect(401);
      expect(garbled.body.error.code).toBe('UNAUTHENTICATED');
      const forged = new JwtService({ secret: 'another-secret-of-at-least-32-characters' }).sign({
        sub: '1',
        role: 'manager',
      });
      const res = await club.request.get(`${API}/staff`).set(bearer(forged)).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      const basic = await club.request
        .get(`${API}/staff`)
        .set('Authorization', 'Basic bWFuYWdlcjp4')
        .expect(401);
      expect(basic.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('answers an expired token with 401 TOKEN_EXPIRED so the client refreshes', async () => {
      const jwt = club.app.get(JwtService, { strict: false });
      const expired = jwt.sign({ sub: '1', role: 'manager' }, { expiresIn: -10 });
      const res = await club.request.get(`${API}/staff`).set(bearer(expired)).expect(401);
      expect(res.body.error.code).toBe('TOKEN_EXPIRED');
    });

    it('answers a member calling staff routes with 403 FORBIDDEN', async () => {
      const member = await joinMember(club.request);
      for (const [method, path] of [
        ['get', `${API}/staff`],
        ['get', `${API}/staff/members/lookup?phone=${member.phone}`],
        ['get', `${API}/members/${member.id}`],
        ['post', `${API}/stores`],
        ['post', `${API}/staff`],
        ['put', `${API}/members/${member.id}/clerk`],
      ] as const) {
        const res = await club.request[method](path).set(bearer(member.accessToken)).send({}).expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('bad input on every auth route', () => {
    const routes = ['/auth/wechat', '/auth/alipay', '/auth/staff', '/auth/refresh'];

    it.each(routes)('%s: malformed JSON → 400 VALIDATION_FAILED', async (route) => {
      const res = await club.request
        .post(`${API}${route}`)
        .set('content-type', 'application/json')
        .send('{"code": ')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['missing code', '/auth/wechat', {}, ['code']],
      ['code of the wrong type', '/auth/alipay', { code: 42 }, ['code']],
      ['code too long', '/auth/wechat', { code: 'x'.repeat(257) }, ['code']],
      ['empty code', '/auth/alipay', { code: '' }, ['code']],
      ['unknown field', '/auth/wechat', { code: 'sandbox:a', extra: true }, ['extra']],
      ['missing fields', '/auth/staff', {}, ['username', 'password']],
      [
        'password of the wrong type',
        '/auth/staff',
        { username: 'manager', password: 12345678 },
        ['password'],
      ],
      [
        'oversized fields',
        '/auth/staff',
        { username: 'm'.repeat(65), password: 'p'.repeat(129) },
        ['username', 'password'],
      ],
      ['unknown field', '/auth/staff', { username: 'manager', password: 'x', role: 'manager' }, ['role']],
      ['missing token', '/auth/refresh', {}, ['refreshToken']],
      ['token of the wrong type', '/auth/refresh', { refreshToken: ['a'] }, ['refreshToken']],
      ['token too long', '/auth/refresh', { refreshToken: 'r'.repeat(513) }, ['refreshToken']],
      ['unknown field', '/auth/refresh', { refreshToken: 'r'.repeat(43), accessToken: 'x' }, ['accessToken']],
    ] as const)('%s on %s → 400 naming %j', async (_label, route, body, fields) => {
      const res = await club.request.post(`${API}${route}`).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const paths = (res.body.error.details as Array<{ path: string }>).map((d) => d.path);
      for (const field of fields) expect(paths).toContain(field);
    });

    it('answers a JSON array body with 400 VALIDATION_FAILED', async () => {
      const res = await club.request.post(`${API}/auth/staff`).send([1, 2]).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('identity: rate limits', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '3', AUTH_RATE_TTL_SECONDS: '60' } });
  });
  afterAll(async () => {
    await club?.close();
  });

  it('answers the 4th staff login within a minute with 429 RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++) {
      await club.request
        .post(`${API}/auth/staff`)
        .send({ username: 'someone', password: 'guess' })
        .expect(401);
    }
    const limited = await club.request
      .post(`${API}/auth/staff`)
      .send({ username: 'someone', password: 'guess' })
      .expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('limits platform logins too', async () => {
    for (let i = 0; i < 3; i++) await loginAsNewVisitor(club.request, 'alipay');
    const limited = await club.request.post(`${API}/auth/alipay`).send({ code: 'sandbox:x' }).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('does not limit ordinary routes', async () => {
    for (let i = 0; i < 5; i++) await club.request.get(`${API}/stores`).expect(200);
  });
});
