export {
  AlipayClient,
  type AlipayClientOptions,
  type AlipayOauthToken,
  type AlipayTemplateMessage,
} from './alipay/alipay.client';
export { PlatformError, type PlatformErrorKind } from './platform-error';
export { PlatformLoginService, type PlatformLogin } from './platform-login.service';
export {
  PlatformSandboxHost,
  platformUsesSandbox,
  type PlatformsConfig,
  SANDBOX_OUTBOX_FILE,
} from './platform-sandbox-host';
export { PlatformsModule } from './platforms.module';
export { PlatformSandbox, SANDBOX_CODE_PREFIX } from './sandbox/platform-sandbox';
export { SandboxOutbox } from './sandbox/sandbox-outbox';
export {
  WechatClient,
  type WechatClientOptions,
  type WechatQrCodeRequest,
  type WechatSession,
  type WechatSubscribeMessage,
} from './wechat/wechat.client';
