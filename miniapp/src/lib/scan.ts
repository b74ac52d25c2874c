import Taro from '@tarojs/taro';

/** Whether this build can open the camera to scan (the browser build takes a typed or pasted code). */
export const canScan = process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay';

/** Opens the platform's scanner and answers the text of the code. */
export async function scanCode(): Promise<string> {
  const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
  return res.result;
}
