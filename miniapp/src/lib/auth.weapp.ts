import Taro from '@tarojs/taro';
import type { PlatformAuth } from './auth.types';

/** WeChat: `wx.login` gives a code for code2session; the phone arrives as a code from a getPhoneNumber button. */
export const platformAuth: PlatformAuth = {
  platform: 'wechat',
  hasRequestedIdentity: () => false,
  phoneMethod: 'wechat-button',
  async loginCode() {
    const { code } = await Taro.login();
    return code;
  },
  phoneCodeFromDigits() {
    throw new Error('WeChat gives the phone number through its button');
  },
  async phoneCodeFromAuthorization() {
    throw new Error('WeChat gives the phone code in the button event');
  },
};
