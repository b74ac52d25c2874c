import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AlipayClient } from './alipay/alipay.client';
import { PlatformLoginService } from './platform-login.service';
import { PlatformSandboxHost, platformUsesSandbox, type PlatformsConfig } from './platform-sandbox-host';
import { SandboxOutboxController } from './sandbox/sandbox-outbox.controller';
import { WechatClient } from './wechat/wechat.client';

/**
 * WeChat and Alipay clients for the whole app. With no app id for a platform, a local sandbox
 * starts with the module, stands in for it, and stops with the app; `GET /sandbox/outbox` exists
 * only then.
 */
@Global()
@Module({})
export class PlatformsModule {
  static forRoot(config: PlatformsConfig): DynamicModule {
    const anySandbox = platformUsesSandbox(config, 'wechat') || platformUsesSandbox(config, 'alipay');
    return {
      module: PlatformsModule,
      controllers: anySandbox ? [SandboxOutboxController] : [],
      providers: [
        { provide: PlatformSandboxHost, useFactory: () => PlatformSandboxHost.start(config) },
        {
          provide: WechatClient,
          useFactory: (host: PlatformSandboxHost) => host.wechatClient(),
          inject: [PlatformSandboxHost],
        },
        {
          provide: AlipayClient,
          useFactory: (host: PlatformSandboxHost) => host.alipayClient(),
          inject: [PlatformSandboxHost],
        },
        PlatformLoginService,
      ],
      exports: [WechatClient, AlipayClient, PlatformLoginService, PlatformSandboxHost],
    };
  }
}
