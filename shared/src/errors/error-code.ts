/** Every error code the API can answer with; the server maps each to one HTTP status. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  PLATFORM_LOGIN_FAILED: 'PLATFORM_LOGIN_FAILED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_MEMBER: 'ALREADY_MEMBER',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  PHONE_TAKEN: 'PHONE_TAKEN',
  PHONE_CODE_INVALID: 'PHONE_CODE_INVALID',
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  BIRTHDAY_LOCKED: 'BIRTHDAY_LOCKED',
  CARD_CODE_INVALID: 'CARD_CODE_INVALID',
  CARD_CODE_EXPIRED: 'CARD_CODE_EXPIRED',
  CONFLICT: 'CONFLICT',
  REFUND_EXCEEDS_PURCHASE: 'REFUND_EXCEEDS_PURCHASE',
  POINTS_INSUFFICIENT: 'POINTS_INSUFFICIENT',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  LIMIT_REACHED: 'LIMIT_REACHED',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  ALREADY_FULFILLED: 'ALREADY_FULFILLED',
  NOT_CANCELLABLE: 'NOT_CANCELLABLE',
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  PLATFORM_UNAVAILABLE: 'PLATFORM_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

/** One of the API's error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One bad field of a request, named by its path (`consent.marketing`, `interests.2`). */
export interface FieldError {
  path: string;
  message: string;
}

/** The contract's error body: `{error: {code, message, details}}`. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: FieldError[] | Record<string, unknown>;
  };
}
