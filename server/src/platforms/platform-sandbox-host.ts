import { join } from 'node:path';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Platform } from '@vip-club/shared';
import type { AppConfigShape } from '../config';
import { AlipayClient } from './alipay/alipay.client';
import { PlatformSandbox } from './sandbox/platform-sandbox';
import { WechatClient } from './wechat/wechat.client';

/** The part of the configuration the platforms read (template ids are the outbox's business). */
export interface PlatformsConfig {
  readonly wechat: Omit<AppConfigShape['wechat'], 'templates'>;
  readonly alipay: Omit<AppConfigShape['alipay'], 'templates'>;
  readonly dataDir: string;
}

/** The outbox file inside `CLUB_DATA_DIR`, so a restarted sandbox still lists earlier messages. */
export const SANDBOX_OUTBOX_FILE = 'sandbox-outbox.jsonl';

/** True when a platform has no app id configured and so runs against the sandbox. */
export function platformUsesSandbox(config: PlatformsConfig, platform: Platform): boolean {
  return platform === 'wechat' ? !config.wechat.appId : !config.alipay.appId;
}

/**
 * Owns the sandbox (one for both platforms, started only if either lacks an app id) and builds
 * each client against either the real platform or the sandbox; the clients cannot tell which.
 */
export class PlatformSandboxHost implements OnModuleDestroy {
  private readonly logger = new Logger('Platforms');

  private constructor(
    private readonly config: PlatformsConfig,
    /** The running sandbox, or null when both platforms are real. */
    readonly sandbox: PlatformSandbox | null,
  ) {}

  static async start(config: PlatformsConfig): Promise<PlatformSandboxHost> {
    const needsSandbox = platformUsesSandbox(config, 'wechat') || platformUsesSandbox(config, 'alipay');
    const sandbox = needsSandbox
      ? await PlatformSandbox.start({ outboxFile: join(config.dataDir, SANDBOX_OUTBOX_FILE) })
      : null;
    const host = new PlatformSandboxHost(config, sandbox);
    if (sandbox) {
      const platforms = (['wechat', 'alipay'] as const).filter((p) => host.isSandbox(p));
      host.logger.log(`Platform sandbox at ${sandbox.url} stands in for ${platforms.join(' and ')}`);
    }
    return host;
  }

  isSandbox(platform: Platform): boolean {
    return platformUsesSandbox(this.config, platform);
  }

  wechatClient(): WechatClient {
    if (this.sandbox && this.isSandbox('wechat')) {
      return new WechatClient({ ...this.sandbox.wechat, baseUrl: this.sandbox.wechatApiBase });
    }
    const { appId, secret, apiBase } = this.config.wechat;
    return new WechatClient({ appId: appId ?? '', secret: secret ?? '', baseUrl: apiBase });
  }

  alipayClient(): AlipayClient {
    if (this.sandbox && this.isSandbox('alipay')) {
      const { appId, appPrivateKey, alipayPublicKey, aesKey } = this.sandbox.alipay;
      return new AlipayClient({
        appId,
        privateKey: appPrivateKey,
        alipayPublicKey,
        aesKey,
        gateway: this.sandbox.alipayGateway,
      });
    }
    const { appId, privateKey, publicKey, gateway, aesKey } = this.config.alipay;
    // The config schema requires both keys whenever ALIPAY_APPID is set.
    return new AlipayClient({
      appId: appId ?? '',
      privateKey: privateKey ?? '',
      alipayPublicKey: publicKey ?? '',
      gateway,
      aesKey,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.sandbox?.stop();
  }
}
