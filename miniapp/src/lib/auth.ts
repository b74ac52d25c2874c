import type { PlatformAuth } from './auth.types';

export type { PhoneMethod, PlatformAuth } from './auth.types';

// Taro resolves `./auth` to auth.weapp.ts, auth.alipay.ts or auth.h5.ts for each build; this file
// only answers for platforms the club has not been built for.
export const platformAuth: PlatformAuth = {
  platform: 'wechat',
  hasRequestedIdentity: () => false,
  phoneMethod: 'typed',
  loginCode: () => Promise.reject(new Error(`no login for platform ${process.env.TARO_ENV}`)),
  phoneCodeFromDigits: (digits) => digits,
  phoneCodeFromAuthorization: () => Promise.reject(new Error('unsupported platform')),
};
