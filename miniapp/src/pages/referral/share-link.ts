/**
 * The join link as a friend can open it. The server sends it relative to the H5 site (`/#/pages/join…`),
 * so in a browser it is completed with the page's own origin; elsewhere it is shown as sent.
 */
export function absoluteShareUrl(shareUrl: string): string {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return shareUrl;
  try {
    return new URL(shareUrl, window.location.origin).href;
  } catch {
    return shareUrl;
  }
}

/** The mini-program path a WeChat share opens: the join page with the code. */
export function joinPathWithCode(code: string): string {
  return `/pages/join/index?referralCode=${encodeURIComponent(code)}`;
}
