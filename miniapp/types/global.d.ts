/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** The API base URL for weapp/alipay builds, set at build time from the API_BASE environment variable. */
declare const API_BASE: string;

/** Subscribe-message template ids by template key for this build's platform (config/index.ts). */
declare const SUBSCRIBE_TEMPLATES: Record<string, string>;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | 'swan' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
  }
}
