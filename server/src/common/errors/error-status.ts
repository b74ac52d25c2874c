import { ErrorCode } from '@vip-club/shared';

/** The HTTP status of each error code; the switch is exhaustive, so a new code cannot be forgotten. */
export function statusForErrorCode(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.VALIDATION_FAILED:
    case ErrorCode.CARD_CODE_INVALID:
    // A phone code the platform refused is a bad field of the join, not a lost session.
    case ErrorCode.PHONE_CODE_INVALID:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.BAD_CREDENTIALS:
    case ErrorCode.TOKEN_EXPIRED:
    case ErrorCode.PLATFORM_LOGIN_FAILED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.ALREADY_MEMBER:
    case ErrorCode.NOT_A_MEMBER:
    case ErrorCode.PHONE_TAKEN:
    case ErrorCode.USERNAME_TAKEN:
    case ErrorCode.BIRTHDAY_LOCKED:
    case ErrorCode.CONFLICT:
    case ErrorCode.REFUND_EXCEEDS_PURCHASE:
    case ErrorCode.POINTS_INSUFFICIENT:
    case ErrorCode.OUT_OF_STOCK:
    case ErrorCode.LIMIT_REACHED:
    case ErrorCode.NOT_ELIGIBLE:
    case ErrorCode.ALREADY_FULFILLED:
    case ErrorCode.NOT_CANCELLABLE:
    case ErrorCode.IDEMPOTENCY_CONFLICT:
    case ErrorCode.REGISTRATION_CLOSED:
    case ErrorCode.ALREADY_REGISTERED:
    case ErrorCode.ALREADY_CHECKED_IN:
    case ErrorCode.TICKET_NOT_CONFIRMED:
    case ErrorCode.NOT_ATTENDED:
    case ErrorCode.ALREADY_RATED:
    case ErrorCode.CONTACT_CAP_REACHED:
    case ErrorCode.CLERK_HAS_MEMBERS:
      return 409;
    case ErrorCode.CARD_CODE_EXPIRED:
      return 410;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL:
      return 500;
    // The platform (WeChat, Alipay) is the upstream server that failed us: a bad gateway.
    case ErrorCode.PLATFORM_UNAVAILABLE:
      return 502;
    default:
      return assertNever(code);
  }
}

function assertNever(code: never): never {
  throw new Error(`No HTTP status for error code ${String(code)}`);
}
