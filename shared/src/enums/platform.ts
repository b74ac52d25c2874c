/** Mini-program platforms a member logs in through. */
export const PLATFORMS = ['wechat', 'alipay'] as const;

/** A login platform. */
export type Platform = (typeof PLATFORMS)[number];
