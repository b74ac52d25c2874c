import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ErrorCode } from '@vip-club/shared';
import { DomainError } from '../common/errors';
import { AlipayClient } from './alipay/alipay.client';
import { PlatformLoginService } from './platform-login.service';
import { PlatformSandboxHost, SANDBOX_OUTBOX_FILE, type PlatformsConfig } from './platform-sandbox-host';
import { PlatformsModule } from './platforms.module';
import { PlatformSandbox } from './sandbox/platform-sandbox';
import { SandboxOutboxController } from './sandbox/sandbox-outbox.controller';
import { WechatClient } from './wechat/wechat.client';

const NO_APPS: Omit<PlatformsConfig, 'dataDir'> = {
  wechat: { apiBase: 'https://api.weixin.qq.com' },
  alipay: { gateway: 'https://openapi.alipay.com/gateway.do' },
};

async function boot(config: PlatformsConfig): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [PlatformsModule.forRoot(config)] }).compile();
  return moduleRef.init();
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('PlatformsModule', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vip-club-platforms-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('with no app ids (the sandbox)', () => {
    let app: INestApplicationContext;
    let login: PlatformLoginService;

    beforeEach(async () => {
      app = await boot({ ...NO_APPS, dataDir });
      login = app.get(PlatformLoginService);
    });

    afterEach(async () => {
      await app.close();
    });

    it('logs in sandbox users on both platforms', async () => {
      expect(login.isSandbox('wechat')).toBe(true);
      expect(login.isSandbox('alipay')).toBe(true);
      await expect(login.login('wechat', 'sandbox:o-wx-1')).resolves.toEqual({
        platform: 'wechat',
        platformUserId: 'o-wx-1',
      });
      await expect(login.login('alipay', 'sandbox:2088000000000042')).resolves.toEqual({
        platform: 'alipay',
        platformUserId: '2088000000000042',
      });
    });

    it('turns a refused login code into 401 PLATFORM_LOGIN_FAILED', async () => {
      for (const platform of ['wechat', 'alipay'] as const) {
        const error = await domainError(login.login(platform, 'not-a-sandbox-code'));
        expect(error.code).toBe(ErrorCode.PLATFORM_LOGIN_FAILED);
        expect(error.details).toMatchObject({ platform });
      }
    });

    it('resolves phone codes on both platforms', async () => {
      await expect(login.phoneFromCode('wechat', 'sandbox:13800138000')).resolves.toBe('13800138000');
      await expect(login.phoneFromCode('alipay', 'sandbox:13900139000')).resolves.toBe('13900139000');
      // What a real Alipay mini-program sends also works against the sandbox's keys.
      const sandbox = app.get(PlatformSandboxHost).sandbox!;
      await expect(login.phoneFromCode('alipay', sandbox.alipayPhoneResponse('13700137000'))).resolves.toBe(
        '13700137000',
      );
    });

    it('refuses a bad phone code on both platforms', async () => {
      for (const platform of ['wechat', 'alipay'] as const) {
        for (const code of ['sandbox:', 'sandbox:12ab', 'whatever']) {
          expect((await domainError(login.phoneFromCode(platform, code))).code).toBe(
            ErrorCode.PLATFORM_LOGIN_FAILED,
          );
        }
      }
    });

    it('points both injectable clients at the running sandbox', async () => {
      const sandbox = app.get(PlatformSandboxHost).sandbox!;
      expect(app.get(WechatClient).baseUrl).toBe(sandbox.wechatApiBase);
      expect(app.get(AlipayClient).gateway).toBe(sandbox.alipayGateway);
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('keeps the outbox in CLUB_DATA_DIR across a restart, and stops the sandbox on close', async () => {
      await app
        .get(WechatClient)
        .sendSubscribeMessage({ toOpenid: 'o-keep', templateId: 'T1', data: { thing1: 'a' } });
      const url = app.get(PlatformSandboxHost).sandbox!.url;
      await app.close();
      await expect(fetch(`${url}/cgi-bin/token`)).rejects.toThrow();

      const lines = (await readFile(join(dataDir, SANDBOX_OUTBOX_FILE), 'utf8')).trim().split('\n');
      expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
        expect.objectContaining({ id: '1', to: 'o-keep' }),
      ]);

      app = await boot({ ...NO_APPS, dataDir });
      await app
        .get(AlipayClient)
        .sendTemplateMessage({ toUserId: '2088-next', templateId: 'T2', data: { k: 'v' } });
      const items = app.get(PlatformSandboxHost).sandbox!.outbox.list();
      expect(items.map((m) => [m.id, m.channel, m.to])).toEqual([
        ['2', 'alipay', '2088-next'],
        ['1', 'wechat', 'o-keep'],
      ]);
    });
  });

  describe('with app ids (the real platforms)', () => {
    it('starts no sandbox, has no outbox route, and reports an unreachable platform as PLATFORM_UNAVAILABLE', async () => {
      const keys = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      // Port 9 (discard) on loopback: nothing listens there, so every call is refused.
      const config: PlatformsConfig = {
        dataDir,
        wechat: { appId: 'wx1234567890abcdef', secret: 's', apiBase: 'http://127.0.0.1:9' },
        alipay: {
          appId: '2021001',
          privateKey: keys.privateKey,
          publicKey: keys.publicKey,
          gateway: 'http://127.0.0.1:9/gateway.do',
          aesKey: Buffer.alloc(16, 7).toString('base64'),
        },
      };
      expect(PlatformsModule.forRoot(config).controllers).toEqual([]);
      expect(PlatformsModule.forRoot({ ...NO_APPS, dataDir }).controllers).toEqual([SandboxOutboxController]);

      const app = await boot(config);
      try {
        expect(app.get(PlatformSandboxHost).sandbox).toBeNull();
        const login = app.get(PlatformLoginService);
        expect(login.isSandbox('wechat')).toBe(false);
        for (const platform of ['wechat', 'alipay'] as const) {
          expect((await domainError(login.login(platform, 'sandbox:o-1'))).code).toBe(
            ErrorCode.PLATFORM_UNAVAILABLE,
          );
        }
        // Outside the sandbox the shortcut phone code means nothing.
        expect((await domainError(login.phoneFromCode('alipay', 'sandbox:13800138000'))).code).toBe(
          ErrorCode.PLATFORM_LOGIN_FAILED,
        );
      } finally {
        await app.close();
      }
    });

    it('runs the sandbox only for the platform without an app id', async () => {
      // A second sandbox plays the "real" WeChat at a configured base URL.
      const realWechat = await PlatformSandbox.start();
      const app = await boot({
        ...NO_APPS,
        dataDir,
        wechat: {
          appId: realWechat.wechat.appId,
          secret: realWechat.wechat.secret,
          apiBase: realWechat.wechatApiBase,
        },
      });
      try {
        const login = app.get(PlatformLoginService);
        expect(login.isSandbox('wechat')).toBe(false);
        expect(login.isSandbox('alipay')).toBe(true);
        await expect(login.login('wechat', 'sandbox:o-real')).resolves.toEqual({
          platform: 'wechat',
          platformUserId: 'o-real',
        });
        expect(realWechat.requestCount('/sns/jscode2session')).toBe(1);
        await expect(login.login('alipay', 'sandbox:u-2')).resolves.toEqual({
          platform: 'alipay',
          platformUserId: 'u-2',
        });
      } finally {
        await app.close();
        await realWechat.stop();
      }
    });
  });
});
