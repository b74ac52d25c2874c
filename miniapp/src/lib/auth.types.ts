import type { Platform } from '@vip-club/shared';

/** How the member's phone number reaches the server on this platform. */
export type PhoneMethod = 'wechat-button' | 'alipay-button' | 'typed';

/** The platform seam for logging in: each `auth.<platform>.ts` provides one. */
export interface PlatformAuth {
  /** Which `/auth/<platform>` route takes this platform's login code. */
  platform: Platform;
  phoneMethod: PhoneMethod;
  /** True when the address asks to log in as a particular person (H5 `?as=`), overriding a kept session. */
  hasRequestedIdentity(): boolean;
  /** A fresh, single-use login code from the platform. */
  loginCode(): Promise<string>;
  /** Turns a typed phone number into the code the server resolves (only for `typed`). */
  phoneCodeFromDigits(digits: string): string;
  /** Asks the platform for the phone code after the member granted access (alipay). */
  phoneCodeFromAuthorization(): Promise<string>;
}
