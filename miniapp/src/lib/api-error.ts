import type { ErrorCode, FieldError } from '@vip-club/shared';

/** Codes the client itself produces when there is no answer from the server to read one from. */
export type ClientErrorCode = 'NETWORK' | 'UNKNOWN';

/** A failed call: the contract's error body, or a client-side failure, with its HTTP status (0 when none). */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly details: FieldError[] | Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode | ClientErrorCode,
    status: number,
    message: string,
    details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Field errors of a 400 VALIDATION_FAILED, or none. */
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.details) ? this.details : [];
  }
}
