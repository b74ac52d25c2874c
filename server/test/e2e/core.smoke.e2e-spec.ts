import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('server core over HTTP', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('reports health with a real database round trip', async () => {
    const res = await club.request.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers an unknown API route with 404 NOT_FOUND in the contract shape', async () => {
    const get = await club.request.get('/api/v1/no-such-thing').expect(404);
    expect(get.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    const post = await club.request.post('/api/v1/no-such-thing').send({ a: 1 }).expect(404);
    expect(post.body.error.code).toBe('NOT_FOUND');
  });

  it('answers URLs Fastify cannot route in the contract shape', async () => {
    const badUrl = await club.request.get('/api/v1/members/%E0%A4%A').expect(400);
    expect(badUrl.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '' }] });
    const longParam = await club.request.get(`/api/v1/members/${'9'.repeat(2000)}`).expect(400);
    expect(longParam.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED and details', async () => {
    const res = await club.request
      .post('/api/v1/no-such-thing')
      .set('content-type', 'application/json')
      .send('{"name": "Li", ')
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: '', message: expect.stringContaining('JSON') }]);
  });

  it('answers a body over 64 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await club.request
      .post('/api/v1/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(70 * 1024) }))
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each(['application/xml', 'text/csv', 'text/plain'])(
    'answers a %s body on a JSON route with one error about the whole body',
    async (contentType) => {
      const res = await club.request
        .post('/api/v1/auth/staff')
        .set('content-type', contentType)
        .send('a,b')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ path: '', message: expect.any(String) }]);
    },
  );

  it('validates bodies with the shared zod schemas, naming each bad field', async () => {
    const res = await club.request.post('/api/v1/auth/staff').send({ username: 42, extra: true }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (res.body.error.details as Array<{ path: string }>).map((d) => d.path).sort();
    expect(paths).toEqual(['extra', 'password', 'username']);
  });

  it('sends security headers with a CSP that keeps scripts to the club origin', async () => {
    const res = await club.request.get('/api/v1/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes OpenAPI JSON with the health route and bearer auth, and the Swagger UI', async () => {
    const json = await club.request.get('/api/docs/json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health');
    expect(json.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(
      json.body.paths['/api/v1/health'].get.responses.default.content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/ApiError',
    });
    expect(json.body.components.schemas.ApiError.properties.error.properties.code.enum).toContain(
      'VALIDATION_FAILED',
    );
    const ui = await club.request.get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    const init = await club.request.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/v1/health');
  });
});

describe('health when the database is gone', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('answers 503 with db "down"', async () => {
    await club.app.get(DataSource).destroy();
    const res = await club.request.get('/api/v1/health').expect(503);
    expect(res.body).toEqual({ status: 'degraded', db: 'down' });
  });
});

describe('the auth rate limit', () => {
  let club: TestApp;
  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await club?.close();
  });

  it('answers the request over the limit with 429 RATE_LIMITED, and leaves other routes alone', async () => {
    const login = () =>
      club.request.post('/api/v1/auth/staff').send({ username: 'nobody', password: 'wrong-password' });
    for (let i = 0; i < 3; i += 1) expect((await login()).status).toBe(401);
    const limited = await login().expect(429);
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
    for (let i = 0; i < 5; i += 1) await club.request.get('/api/v1/health').expect(200);
  });
});

const INLINE_SCRIPT = 'document.documentElement.style.fontSize = "20px";';

describe('the H5 app at /', () => {
  let club: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'vip-club-web-'));
    await writeFile(
      join(webDir, 'index.html'),
      `<!doctype html><title>VIP Club</title><script>${INLINE_SCRIPT}</script><script src="/app.js"></script><div id="app"></div>`,
    );
    await writeFile(join(webDir, 'app.js'), 'console.log("club")');
    club = await startTestApp({ env: { CLUB_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await club?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html and assets', async () => {
    const index = await club.request.get('/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('VIP Club');
    const asset = await club.request.get('/app.js').expect(200);
    expect(asset.text).toContain('club');
  });

  it("allows exactly the page's inline script by hash in the CSP, not every inline script", async () => {
    const csp = (await club.request.get('/').expect(200)).headers['content-security-policy'] as string;
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
    expect(csp).toMatch(new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
  });

  it('serves files of a rebuild without a restart, and nothing outside the folder', async () => {
    await writeFile(join(webDir, 'later.css'), 'body{color:gold}');
    expect((await club.request.get('/later.css').expect(200)).text).toContain('gold');
    await writeFile(join(tmpdir(), 'vip-club-outside.txt'), 'outside');
    await club.request.get('/..%2fvip-club-outside.txt').expect(404);
    await club.request.get('/%2e%2e/vip-club-outside.txt').expect(404);
  });

  it('falls back to index.html for unknown page paths but not for the API or missing assets', async () => {
    const page = await club.request.get('/pages/member/index').expect(200);
    expect(page.text).toContain('VIP Club');
    const api = await club.request.get('/api/v1/nothing-here').expect(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    await club.request.get('/missing.js').expect(404);
    await club.request.get('/api/v1/health').expect(200, { status: 'ok', db: 'ok' });
  });
});
