import type { PlatformAuth } from './auth.types';

interface AlipayApi {
  getAuthCode(options: {
    scopes: string | string[];
    success: (res: { authCode: string }) => void;
    fail: (err: unknown) => void;
  }): void;
  getPhoneNumber(options: {
    success: (res: { response: string }) => void;
    fail: (err: unknown) => void;
  }): void;
}

declare const my: AlipayApi;

/** Alipay: `my.getAuthCode` gives the code for the oauth token; the phone is the encrypted getPhoneNumber response. */
export const platformAuth: PlatformAuth = {
  platform: 'alipay',
  hasRequestedIdentity: () => false,
  phoneMethod: 'alipay-button',
  loginCode() {
    return new Promise((resolve, reject) => {
      my.getAuthCode({ scopes: 'auth_base', success: (res) => resolve(res.authCode), fail: reject });
    });
  },
  phoneCodeFromDigits() {
    throw new Error('Alipay gives the phone number through its authorisation button');
  },
  phoneCodeFromAuthorization() {
    return new Promise((resolve, reject) => {
      my.getPhoneNumber({ success: (res) => resolve(res.response), fail: reject });
    });
  },
};
