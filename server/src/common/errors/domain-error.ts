import type { ErrorCode, FieldError } from '@vip-club/shared';

/**
 * The one error a service throws on purpose. The exception filter turns its code into the HTTP
 * status and the contract's body `{error: {code, message, details}}`.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(message ?? defaultMessage(code));
  }
}

function defaultMessage(code: ErrorCode): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
