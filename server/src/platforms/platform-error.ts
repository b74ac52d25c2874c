import type { Platform } from '@vip-club/shared';

/**
 * Why a platform call failed: `rejected` means the platform understood us and said no (bad or used
 * code, bad credentials, refused message); `unavailable` means we could not get an answer we can
 * trust (network, timeout, 5xx, garbled or wrongly signed response). Callers map the first to the
 * member's fault and the second to ours.
 */
export type PlatformErrorKind = 'rejected' | 'unavailable';

/** A failed WeChat or Alipay call, with the platform's own error code when it sent one. */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(
    readonly platform: Platform,
    readonly kind: PlatformErrorKind,
    /** WeChat `errcode` (as a string) or Alipay `sub_code ?? code`; `network`/`http_<status>`/`bad_response` otherwise. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
