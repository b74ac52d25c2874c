import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ApiErrorBody, type FieldError } from '@vip-club/shared';
import { ZodValidationException } from 'nestjs-zod';
import { DomainError } from './domain-error';
import { statusForErrorCode } from './error-status';

/** What the client is told about a failure, and whether it was a fault of ours worth an error log. */
export interface ErrorResponse {
  status: number;
  body: ApiErrorBody;
  /** true when the failure is not the client's doing: log it with its stack. */
  unexpected: boolean;
}

/** One zod issue as the filter needs it (zod 3 and 4 agree on these fields). */
interface ZodIssueLike {
  code?: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  keys?: string[];
}

/** Turns any thrown value into the contract's error body; the single mapping used by every handler. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainError) {
    return respond(exception.code, exception.message, exception.details);
  }
  if (exception instanceof ZodValidationException) {
    return validationFailed(zodIssues(exception.getZodError()) ?? []);
  }
  const issues = zodIssues(exception);
  if (issues) return validationFailed(issues);
  if (exception instanceof HttpException) return fromHttpException(exception);
  const fastify = fromFastifyError(exception);
  if (fastify) return fastify;
  const duplicate = fromUniqueViolation(exception);
  if (duplicate) return duplicate;
  return { ...respond(ErrorCode.INTERNAL, 'Internal server error'), unexpected: true };
}

/** The `details` of a validation failure: one entry per bad field, unknown keys included. */
export function fieldErrorsFromZodIssues(issues: readonly ZodIssueLike[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys) && issue.keys.length > 0) {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** The human summary of a validation failure, naming the bad fields (`(body)` for the body itself). */
export function validationMessage(details: readonly FieldError[]): string {
  const fields = [...new Set(details.map((d) => d.path || '(body)'))];
  return fields.length > 0 ? `Invalid request: check ${fields.join(', ')}` : 'Invalid request';
}

function validationFailed(issues: readonly ZodIssueLike[] | readonly FieldError[]): ErrorResponse {
  const details = issues.some((i) => Array.isArray(i.path))
    ? fieldErrorsFromZodIssues(issues as ZodIssueLike[])
    : [...(issues as FieldError[])];
  return respond(ErrorCode.VALIDATION_FAILED, validationMessage(details), details);
}

function respond(
  code: ErrorCode,
  message: string,
  details?: ApiErrorBody['error']['details'],
): ErrorResponse {
  const error: ApiErrorBody['error'] = { code, message };
  if (details !== undefined) error.details = details;
  return { status: statusForErrorCode(code), body: { error }, unexpected: code === ErrorCode.INTERNAL };
}

function zodIssues(value: unknown): ZodIssueLike[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as { name?: unknown; issues?: unknown };
  if (candidate.name !== 'ZodError' || !Array.isArray(candidate.issues)) return undefined;
  return candidate.issues as ZodIssueLike[];
}

function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return ErrorCode.UNAUTHENTICATED;
    case HttpStatus.FORBIDDEN:
      return ErrorCode.FORBIDDEN;
    case HttpStatus.NOT_FOUND:
    case HttpStatus.METHOD_NOT_ALLOWED:
      return ErrorCode.NOT_FOUND;
    case HttpStatus.CONFLICT:
      return ErrorCode.CONFLICT;
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCode.RATE_LIMITED;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
  }
}

function fromHttpException(exception: HttpException): ErrorResponse {
  const code = codeForHttpStatus(exception.getStatus());
  if (code === ErrorCode.INTERNAL) return { ...respond(code, 'Internal server error'), unexpected: true };
  const response = exception.getResponse();
  const raw =
    typeof response === 'object' && response !== null
      ? (response as { message?: unknown }).message
      : response;
  if (code === ErrorCode.VALIDATION_FAILED && Array.isArray(raw)) {
    return validationFailed(raw.map((m) => ({ path: '', message: String(m) })));
  }
  if (code === ErrorCode.VALIDATION_FAILED) {
    // Fastify's body errors arrive here wrapped by Nest (unreadable JSON, wrong content type):
    // the body as a whole is what is wrong.
    const message = typeof raw === 'string' && raw !== '' ? raw : exception.message;
    return respond(code, message, [{ path: '', message }]);
  }
  if (code === ErrorCode.RATE_LIMITED) return respond(code, 'Too many requests, try again in a minute');
  return respond(code, typeof raw === 'string' && raw !== '' ? raw : exception.message);
}

interface FastifyErrorLike {
  code?: unknown;
  statusCode?: unknown;
  message: string;
}

/** Errors raised by Fastify before a route runs (body parsing, content type, body size), and other libraries' client errors. */
function fromFastifyError(exception: unknown): ErrorResponse | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { code, statusCode, message } = exception as Error & FastifyErrorLike;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) {
    return respond(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) {
    return validationFailed([{ path: '', message: 'Unsupported content type: send application/json' }]);
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return validationFailed([
      { path: '', message: 'Body is empty but the content type is application/json' },
    ]);
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (exception instanceof SyntaxError && statusCode === 400)) {
    return validationFailed([{ path: '', message: `Body is not valid JSON (${message})` }]);
  }
  // http-errors (from @fastify/static's `send`, among others) mark client errors `expose: true`.
  const exposed = (exception as Error & { expose?: unknown }).expose === true;
  const fromFastify = typeof code === 'string' && code.startsWith('FST_');
  if ((fromFastify || exposed) && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const mapped = codeForHttpStatus(statusCode);
    return mapped === ErrorCode.VALIDATION_FAILED
      ? validationFailed([{ path: '', message }])
      : respond(mapped, message);
  }
  return undefined;
}

/**
 * A unique key the service did not expect to clash (two requests racing): a conflict, not a crash.
 * Services that can name the clash throw their own DomainError first.
 */
function fromUniqueViolation(exception: unknown): ErrorResponse | undefined {
  if (!(exception instanceof Error) || exception.name !== 'QueryFailedError') return undefined;
  const driverError = (exception as Error & { driverError?: { code?: unknown } }).driverError;
  const code = driverError?.code ?? (exception as Error & { code?: unknown }).code;
  if (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return respond(ErrorCode.CONFLICT, 'The request conflicts with existing data');
  }
  return undefined;
}
