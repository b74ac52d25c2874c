import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type Platform } from '@vip-club/shared';
import { DomainError } from '../common/errors';
import { AlipayClient } from './alipay/alipay.client';
import { PlatformError } from './platform-error';
import { PlatformSandboxHost } from './platform-sandbox-host';
import { SANDBOX_CODE_PREFIX } from './sandbox/platform-sandbox';
import { WechatClient } from './wechat/wechat.client';

/** Who a platform login code belongs to. */
export interface PlatformLogin {
  platform: Platform;
  /** WeChat openid or Alipay user id (open_id for newer Alipay apps). */
  platformUserId: string;
  /** WeChat unionid, when the app is bound to an open-platform account. */
  unionId?: string;
}

const SANDBOX_PHONE = /^\d{5,20}$/;

/**
 * The identity module's one door to the platforms: login codes to platform users, phone codes to
 * phone numbers. A code the platform refuses is 401 PLATFORM_LOGIN_FAILED; a platform we cannot
 * reach (or trust) is PLATFORM_UNAVAILABLE.
 */
@Injectable()
export class PlatformLoginService {
  private readonly logger = new Logger(PlatformLoginService.name);

  constructor(
    private readonly wechat: WechatClient,
    private readonly alipay: AlipayClient,
    private readonly host: PlatformSandboxHost,
  ) {}

  /** True when `platform` runs against the local sandbox (no app id configured). */
  isSandbox(platform: Platform): boolean {
    return this.host.isSandbox(platform);
  }

  /** Exchanges a `wx.login` / `my.getAuthCode` code for the platform user id. */
  async login(platform: Platform, code: string): Promise<PlatformLogin> {
    return this.translate(platform, async () => {
      if (platform === 'wechat') {
        const session = await this.wechat.code2Session(code);
        return session.unionid
          ? { platform, platformUserId: session.openid, unionId: session.unionid }
          : { platform, platformUserId: session.openid };
      }
      const token = await this.alipay.oauthToken(code);
      return { platform, platformUserId: token.userId };
    });
  }

  /**
   * The phone number behind a phone code: WeChat's `getPhoneNumber` button code, or Alipay's
   * `my.getPhoneNumber` response text (in the sandbox, `sandbox:<digits>` on both platforms).
   */
  async phoneFromCode(platform: Platform, phoneCode: string): Promise<string> {
    return this.translate(platform, async () => {
      if (platform === 'wechat') return this.wechat.getPhoneNumber(phoneCode);
      // Alipay hands the phone to the mini-program encrypted, with no server call to stand in for;
      // the sandbox's shortcut code is read here instead.
      if (this.isSandbox('alipay') && phoneCode.startsWith(SANDBOX_CODE_PREFIX)) {
        const phone = phoneCode.slice(SANDBOX_CODE_PREFIX.length);
        if (!SANDBOX_PHONE.test(phone))
          throw new PlatformError(
            'alipay',
            'rejected',
            'bad_phone_code',
            'sandbox phone code must be sandbox:<digits>',
          );
        return phone;
      }
      return this.alipay.decryptPhoneNumber(phoneCode);
    });
  }

  private async translate<T>(platform: Platform, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      if (error.kind === 'rejected') {
        throw new DomainError(
          ErrorCode.PLATFORM_LOGIN_FAILED,
          `${platformName(platform)} did not accept the code`,
          {
            platform,
            platformCode: error.code,
          },
        );
      }
      // The platform's own message can echo request parameters (Alipay repeats the signed string,
      // auth code included), so only the code is logged.
      this.logger.warn({ platform, platformCode: error.code }, 'platform unavailable');
      throw new DomainError(
        ErrorCode.PLATFORM_UNAVAILABLE,
        `${platformName(platform)} is not answering; try again shortly`,
        {
          platform,
        },
      );
    }
  }
}

function platformName(platform: Platform): string {
  return platform === 'wechat' ? 'WeChat' : 'Alipay';
}
