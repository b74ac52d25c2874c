import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { PlatformSandboxHost } from '../../src/platforms/platform-sandbox-host';
import { AlipayClient } from '../../src/platforms/alipay/alipay.client';
import { WechatClient } from '../../src/platforms/wechat/wechat.client';
import { startTestApp, type TestApp } from '../setup/test-app';

// Tokens are signed here with the app's own secret and checked by its real JWT guard.
const JWT_SECRET = randomBytes(32).toString('hex');
const jwt = new JwtService({ secret: JWT_SECRET, signOptions: { algorithm: 'HS256', expiresIn: 900 } });
const bearer = (role: string, extra: Record<string, string> = {}) =>
  `Bearer ${jwt.sign({ sub: '1', role, ...extra })}`;

describe('GET /api/v1/sandbox/outbox', () => {
  describe('in the sandbox', () => {
    let club: TestApp;

    beforeAll(async () => {
      club = await startTestApp({ env: { JWT_SECRET } });
      const wechat = club.app.get(WechatClient);
      const alipay = club.app.get(AlipayClient);
      await wechat.sendSubscribeMessage({
        toOpenid: 'o-anna',
        templateId: 'TPL-1',
        page: 'pages/home/index',
        data: { thing1: 'Hello' },
      });
      await alipay.sendTemplateMessage({
        toUserId: '2088-bo',
        templateId: 'TPL-2',
        data: { keyword1: 'Hi' },
      });
      await wechat.sendSubscribeMessage({ toOpenid: 'o-bo', templateId: 'TPL-3', data: { thing1: 'Again' } });
    });

    afterAll(async () => {
      await club?.close();
    });

    it('lists every message, newest first, for a manager', async () => {
      const res = await club.request
        .get('/api/v1/sandbox/outbox')
        .set('authorization', bearer('manager'))
        .expect(200);
      expect(res.body.items.map((m: { to: string }) => m.to)).toEqual(['o-bo', '2088-bo', 'o-anna']);
      expect(res.body.items[2]).toEqual({
        id: expect.any(String),
        channel: 'wechat',
        to: 'o-anna',
        templateId: 'TPL-1',
        data: { thing1: 'Hello' },
        page: 'pages/home/index',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
    });

    it('filters by channel and by recipient', async () => {
      const auth = bearer('manager');
      const wechatOnly = await club.request
        .get('/api/v1/sandbox/outbox?channel=wechat')
        .set('authorization', auth)
        .expect(200);
      expect(wechatOnly.body.items.map((m: { to: string }) => m.to)).toEqual(['o-bo', 'o-anna']);
      const toBo = await club.request
        .get('/api/v1/sandbox/outbox?to=2088-bo')
        .set('authorization', auth)
        .expect(200);
      expect(toBo.body.items).toEqual([expect.objectContaining({ channel: 'alipay', templateId: 'TPL-2' })]);
      const none = await club.request
        .get('/api/v1/sandbox/outbox?channel=sms')
        .set('authorization', auth)
        .expect(200);
      expect(none.body).toEqual({ items: [] });
    });

    it('rejects a bad or unknown filter with 400 VALIDATION_FAILED', async () => {
      const auth = bearer('manager');
      const badChannel = await club.request
        .get('/api/v1/sandbox/outbox?channel=fax')
        .set('authorization', auth)
        .expect(400);
      expect(badChannel.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ path: 'channel' })],
      });
      const unknown = await club.request
        .get('/api/v1/sandbox/outbox?since=yesterday')
        .set('authorization', auth)
        .expect(400);
      expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('is for managers only', async () => {
      await club.request.get('/api/v1/sandbox/outbox').expect(401);
      for (const role of ['clerk', 'member', 'visitor']) {
        const res = await club.request
          .get('/api/v1/sandbox/outbox')
          .set('authorization', bearer(role, role === 'clerk' ? { storeId: '1' } : {}))
          .expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    });

    it('runs its sandbox on loopback for both platforms', () => {
      const host = club.app.get(PlatformSandboxHost);
      expect(host.isSandbox('wechat') && host.isSandbox('alipay')).toBe(true);
      expect(host.sandbox?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  describe('with both platforms configured', () => {
    let club: TestApp;

    beforeAll(async () => {
      const { generateKeyPairSync } = await import('node:crypto');
      const keys = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      club = await startTestApp({
        env: {
          JWT_SECRET,
          WECHAT_APPID: 'wx0123456789abcdef',
          WECHAT_SECRET: 'secret',
          ALIPAY_APPID: '2021000000000001',
          ALIPAY_PRIVATE_KEY: keys.privateKey,
          ALIPAY_PUBLIC_KEY: keys.publicKey,
        },
      });
    });

    afterAll(async () => {
      await club?.close();
    });

    it('does not exist', async () => {
      const res = await club.request
        .get('/api/v1/sandbox/outbox')
        .set('authorization', bearer('manager'))
        .expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(club.app.get(PlatformSandboxHost).sandbox).toBeNull();
    });
  });
});
