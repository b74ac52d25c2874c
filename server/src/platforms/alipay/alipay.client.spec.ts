import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformError } from '../platform-error';
import { PlatformSandbox } from '../sandbox/platform-sandbox';
import { AlipayClient, type AlipayClientOptions } from './alipay.client';

describe('AlipayClient against the sandbox', () => {
  let sandbox: PlatformSandbox;

  beforeAll(async () => {
    sandbox = await PlatformSandbox.start({ port: 0 });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  function client(overrides: Partial<AlipayClientOptions> = {}): AlipayClient {
    return new AlipayClient({
      appId: sandbox.alipay.appId,
      privateKey: sandbox.alipay.appPrivateKey,
      alipayPublicKey: sandbox.alipay.alipayPublicKey,
      aesKey: sandbox.alipay.aesKey,
      gateway: sandbox.alipayGateway,
      ...overrides,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<PlatformError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }

  function syncFailure(call: () => unknown): PlatformError {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformError);
      return error as PlatformError;
    }
    throw new Error('expected a PlatformError');
  }

  function otherKeyPair(): { privateKey: string; publicKey: string } {
    return generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  }

  describe('oauthToken', () => {
    it('logs in the user named by a sandbox auth code', async () => {
      const token = await client().oauthToken('sandbox:2088102000000001');
      expect(token.userId).toBe('2088102000000001');
      expect(token.accessToken).toMatch(/^authusr/);
    });

    it('rejects an auth code the platform does not know', async () => {
      const error = await failure(client().oauthToken('4b203fe6c11548bcabd8da5bb087a83b'));
      expect(error).toMatchObject({ platform: 'alipay', kind: 'rejected', code: 'isv.code-invalid' });
    });

    it('accepts keys given as bare base64, the way Alipay’s key tool prints them', async () => {
      const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      const token = await client({
        privateKey: bare(sandbox.alipay.appPrivateKey),
        alipayPublicKey: bare(sandbox.alipay.alipayPublicKey),
      }).oauthToken('sandbox:u-bare');
      expect(token.userId).toBe('u-bare');
    });

    it('is refused by the gateway when signed with a key it does not know', async () => {
      const error = await failure(
        client({ privateKey: otherKeyPair().privateKey }).oauthToken('sandbox:u-1'),
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'isv.invalid-signature' });
    });

    it('does not believe a response signed by someone else', async () => {
      const error = await failure(
        client({ alipayPublicKey: otherKeyPair().publicKey }).oauthToken('sandbox:u-1'),
      );
      expect(error).toMatchObject({ kind: 'unavailable', code: 'bad_signature' });
    });
  });

  describe('a response tampered with on the way', () => {
    let proxy: Server;

    beforeAll(async () => {
      // Forwards to the sandbox and swaps the user id in the signed answer.
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          void fetch(sandbox.alipayGateway, {
            method: 'POST',
            headers: { 'content-type': req.headers['content-type'] ?? '' },
            body: Buffer.concat(chunks),
          })
            .then((answer) => answer.text())
            .then((text) => {
              res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
              res.end(text.replace('"user_id":"victim"', '"user_id":"mallory"'));
            });
        });
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('fails signature verification', async () => {
      const { port } = proxy.address() as AddressInfo;
      const tampered = client({ gateway: `http://127.0.0.1:${port}/gateway.do` });
      const error = await failure(tampered.oauthToken('sandbox:victim'));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'bad_signature' });
      // The same proxy passes an untouched answer, so it is the tampering that failed.
      expect((await tampered.oauthToken('sandbox:someone')).userId).toBe('someone');
    });
  });

  describe('sendTemplateMessage', () => {
    it('delivers into the sandbox outbox', async () => {
      await client().sendTemplateMessage({
        toUserId: '2088-outbox-alipay',
        templateId: 'TPL-invite',
        page: 'pages/events/index?id=7',
        data: { keyword1: 'Spring banquet', keyword2: '18:00' },
      });
      expect(sandbox.outbox.list({ channel: 'alipay', to: '2088-outbox-alipay' })).toEqual([
        expect.objectContaining({
          channel: 'alipay',
          templateId: 'TPL-invite',
          page: 'pages/events/index?id=7',
          data: { keyword1: 'Spring banquet', keyword2: '18:00' },
        }),
      ]);
    });

    it('is refused without a template, and nothing is recorded', async () => {
      const error = await failure(
        client().sendTemplateMessage({ toUserId: '2088-no-template', templateId: '', data: {} }),
      );
      expect(error).toMatchObject({ kind: 'rejected', code: 'USER_TEMPLATE_ILLEGAL' });
      expect(sandbox.outbox.list({ to: '2088-no-template' })).toEqual([]);
    });
  });

  describe('decryptPhoneNumber', () => {
    it('reads the number out of what my.getPhoneNumber returned', () => {
      expect(client().decryptPhoneNumber(sandbox.alipayPhoneResponse('13700001234'))).toBe('13700001234');
    });

    it('rejects a response whose cipher text was swapped', () => {
      const genuine = JSON.parse(sandbox.alipayPhoneResponse('13700001234')) as Record<string, string>;
      const other = JSON.parse(sandbox.alipayPhoneResponse('13999999999')) as Record<string, string>;
      const forged = JSON.stringify({ ...genuine, response: other.response });
      expect(syncFailure(() => client().decryptPhoneNumber(forged))).toMatchObject({
        kind: 'rejected',
        code: 'bad_signature',
      });
    });

    it('rejects a response it cannot decrypt with its key', () => {
      const wrongKey = client({ aesKey: randomBytes(16).toString('base64') });
      const error = syncFailure(() =>
        wrongKey.decryptPhoneNumber(sandbox.alipayPhoneResponse('13700001234')),
      );
      expect(error).toMatchObject({ kind: 'rejected' });
    });

    it('rejects text that is not a phone response', () => {
      expect(syncFailure(() => client().decryptPhoneNumber('sandbox:13700001234'))).toMatchObject({
        kind: 'rejected',
        code: 'bad_phone_response',
      });
    });
  });
});
