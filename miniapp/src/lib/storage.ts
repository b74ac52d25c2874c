import Taro from '@tarojs/taro';

/** A value kept on the device (localStorage on H5), or undefined when absent or unreadable. */
export function readStored<T>(key: string): T | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key);
    // Taro answers '' for a missing key on every platform.
    return value === '' || value === null || value === undefined ? undefined : (value as T);
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  Taro.setStorageSync(key, value);
}

export function removeStored(key: string): void {
  Taro.removeStorageSync(key);
}
