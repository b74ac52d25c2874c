import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { PlatformError } from '../platform-error';
import { PlatformSandbox } from '../sandbox/platform-sandbox';
import { WechatClient, type WechatClientOptions } from './wechat.client';

describe('WechatClient against the sandbox', () => {
  let sandbox: PlatformSandbox;

  beforeAll(async () => {
    sandbox = await PlatformSandbox.start({ port: 0 });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  function client(overrides: Partial<WechatClientOptions> = {}): WechatClient {
    return new WechatClient({ ...sandbox.wechat, baseUrl: sandbox.wechatApiBase, ...overrides });
  }

  async function failure(promise: Promise<unknown>): Promise<PlatformError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }

  describe('code2Session', () => {
    it('logs in the user named by a sandbox code', async () => {
      const session = await client().code2Session('sandbox:o-member-1');
      expect(session.openid).toBe('o-member-1');
      expect(session.sessionKey).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      expect(session.unionid).toBeUndefined();
    });

    it('rejects a code the platform does not know', async () => {
      const error = await failure(client().code2Session('0a3Xk81w3'));
      expect(error).toMatchObject({ platform: 'wechat', kind: 'rejected', code: '40029' });
    });

    it('reports wrong app credentials as our trouble, not the member’s', async () => {
      const error = await failure(client({ secret: 'not-the-secret' }).code2Session('sandbox:o-1'));
      expect(error).toMatchObject({ kind: 'unavailable', code: '40125' });
    });
  });

  describe('getAccessToken', () => {
    it('shares one request among concurrent callers and caches the token', async () => {
      const wechat = client();
      const before = sandbox.requestCount('/cgi-bin/token');
      const tokens = await Promise.all(Array.from({ length: 8 }, () => wechat.getAccessToken()));
      expect(sandbox.requestCount('/cgi-bin/token') - before).toBe(1);
      expect(new Set(tokens).size).toBe(1);

      expect(await wechat.getAccessToken()).toBe(tokens[0]);
      expect(sandbox.requestCount('/cgi-bin/token') - before).toBe(1);
    });

    it('fetches a new token five minutes before the old one expires', async () => {
      let now = 1_000_000;
      const wechat = client({ now: () => now });
      const before = sandbox.requestCount('/cgi-bin/token');
      const first = await wechat.getAccessToken();

      now += (7200 - 300) * 1000 - 1;
      expect(await wechat.getAccessToken()).toBe(first);
      expect(sandbox.requestCount('/cgi-bin/token') - before).toBe(1);

      now += 1;
      const second = await wechat.getAccessToken();
      expect(second).not.toBe(first);
      expect(sandbox.requestCount('/cgi-bin/token') - before).toBe(2);
    });

    it('lets the next caller retry after a failed fetch', async () => {
      const wechat = client({ secret: 'wrong' });
      await failure(wechat.getAccessToken());
      const before = sandbox.requestCount('/cgi-bin/token');
      await failure(wechat.getAccessToken());
      expect(sandbox.requestCount('/cgi-bin/token') - before).toBe(1);
    });
  });

  describe('getPhoneNumber', () => {
    it('resolves a sandbox phone code to the number', async () => {
      expect(await client().getPhoneNumber('sandbox:13800138000')).toBe('13800138000');
    });

    it('rejects an unknown phone code', async () => {
      const error = await failure(client().getPhoneNumber('e31968a7f94cc5ee25fafc2aef2773f0'));
      expect(error).toMatchObject({ kind: 'rejected', code: '40029' });
    });

    it('refreshes an expired access token and retries once', async () => {
      const wechat = client();
      const oldToken = await wechat.getAccessToken();
      sandbox.expireAccessTokens();
      const tokensBefore = sandbox.requestCount('/cgi-bin/token');
      const callsBefore = sandbox.requestCount('/wxa/business/getuserphonenumber');

      expect(await wechat.getPhoneNumber('sandbox:13900001111')).toBe('13900001111');

      expect(sandbox.requestCount('/cgi-bin/token') - tokensBefore).toBe(1);
      expect(sandbox.requestCount('/wxa/business/getuserphonenumber') - callsBefore).toBe(2);
      expect(await wechat.getAccessToken()).not.toBe(oldToken);
    });

    it('refreshes once for many callers whose token expired together', async () => {
      const wechat = client();
      await wechat.getAccessToken();
      sandbox.expireAccessTokens();
      const tokensBefore = sandbox.requestCount('/cgi-bin/token');
      const phones = await Promise.all(
        [1, 2, 3, 4].map((n) => wechat.getPhoneNumber(`sandbox:1380000000${n}`)),
      );
      expect(phones).toEqual(['13800000001', '13800000002', '13800000003', '13800000004']);
      expect(sandbox.requestCount('/cgi-bin/token') - tokensBefore).toBe(1);
    });
  });

  describe('sendSubscribeMessage', () => {
    it('delivers into the sandbox outbox', async () => {
      await client().sendSubscribeMessage({
        toOpenid: 'o-outbox-wechat',
        templateId: 'TPL-birthday',
        page: 'pages/home/index',
        data: { thing1: 'Happy birthday', time2: '2026-05-01' },
      });
      expect(sandbox.outbox.list({ to: 'o-outbox-wechat' })).toEqual([
        expect.objectContaining({
          channel: 'wechat',
          to: 'o-outbox-wechat',
          templateId: 'TPL-birthday',
          page: 'pages/home/index',
          data: { thing1: 'Happy birthday', time2: '2026-05-01' },
        }),
      ]);
    });

    it('is refused without a template, and nothing is recorded', async () => {
      const error = await failure(
        client().sendSubscribeMessage({ toOpenid: 'o-no-template', templateId: '', data: {} }),
      );
      expect(error).toMatchObject({ kind: 'rejected', code: '40037' });
      expect(sandbox.outbox.list({ to: 'o-no-template' })).toEqual([]);
    });
  });

  describe('getUnlimitedQrCode', () => {
    it('returns a PNG of the requested width, different for different scenes', async () => {
      const wechat = client();
      const image = await wechat.getUnlimitedQrCode({
        scene: 'ref=ABC123',
        page: 'pages/join/index',
        width: 300,
      });
      const png = readPng(image);
      expect(png).toMatchObject({ width: 300, height: 300 });
      expect(png.pixels.length).toBe(300 * 301);
      expect(png.pixels.some((p) => p === 0) && png.pixels.some((p) => p === 255)).toBe(true);

      const other = await wechat.getUnlimitedQrCode({
        scene: 'ref=XYZ789',
        page: 'pages/join/index',
        width: 300,
      });
      expect(other.equals(image)).toBe(false);
    });

    it('turns WeChat’s JSON error body into a PlatformError', async () => {
      const error = await failure(
        client().getUnlimitedQrCode({ scene: 'x'.repeat(33), page: 'pages/join/index' }),
      );
      expect(error).toMatchObject({ kind: 'rejected', code: '40169' });
    });
  });

  describe('when WeChat cannot be reached', () => {
    let server: Server;

    afterEach(async () => {
      if (server?.listening) await new Promise((resolve) => server.close(resolve));
    });

    it('reports a refused connection as unavailable', async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));

      const error = await failure(
        client({ baseUrl: `http://127.0.0.1:${port}` }).code2Session('sandbox:o-1'),
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'network' });
    });

    it('reports a 5xx answer as unavailable', async () => {
      server = createServer((_req, res) => {
        res.writeHead(502).end('bad gateway');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;

      const error = await failure(
        client({ baseUrl: `http://127.0.0.1:${port}` }).code2Session('sandbox:o-1'),
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'http_502' });
    });

    it('gives up after the timeout', async () => {
      server = createServer(() => {
        // never answers
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;

      const error = await failure(
        client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).code2Session('sandbox:o-1'),
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'network' });
      server.closeAllConnections();
    });
  });
});

/** Decodes the sandbox's PNG (8-bit grayscale, filter 0) enough to check it is a real image. */
function readPng(image: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < image.length) {
    const length = image.readUInt32BE(offset);
    const type = image.toString('ascii', offset + 4, offset + 8);
    const data = image.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  return { width, height, pixels: inflateSync(Buffer.concat(idat)) };
}
