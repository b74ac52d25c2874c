import {
  type ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorCode, type ApiErrorBody } from '@vip-club/shared';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DomainError } from './domain-error';
import { statusForErrorCode } from './error-status';

/** A stand-in for Fastify's reply that records what the filter sent. */
class FakeReply {
  sent = false;
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  }
  getHeaders() {
    return { ...this.headers };
  }
  send(body: unknown) {
    this.body = body;
    this.sent = true;
    return this;
  }
}

function httpHost(reply: FakeReply): ArgumentsHost {
  const request = { method: 'POST', url: '/api/v1/members', routeOptions: { url: '/api/v1/members' } };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request, getNext: () => undefined }),
  } as unknown as ArgumentsHost;
}

function run(exception: unknown): { status: number; body: ApiErrorBody; reply: FakeReply } {
  const reply = new FakeReply();
  new AllExceptionsFilter().catch(exception, httpHost(reply));
  return { status: reply.statusCode, body: reply.body as ApiErrorBody, reply };
}

/** Builds a Fastify-style error the way Fastify raises them (a code and a statusCode). */
function fastifyError(
  code: string,
  statusCode: number,
  message: string,
  base: Error = new Error(message),
): Error {
  return Object.assign(base, { code, statusCode });
}

describe('AllExceptionsFilter', () => {
  let logError: jest.SpyInstance;
  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logError.mockRestore());

  const expectedStatus: Record<ErrorCode, number> = {
    VALIDATION_FAILED: 400,
    CARD_CODE_INVALID: 400,
    UNAUTHENTICATED: 401,
    BAD_CREDENTIALS: 401,
    TOKEN_EXPIRED: 401,
    PLATFORM_LOGIN_FAILED: 401,
    PHONE_CODE_INVALID: 400,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    ALREADY_MEMBER: 409,
    NOT_A_MEMBER: 409,
    PHONE_TAKEN: 409,
    USERNAME_TAKEN: 409,
    BIRTHDAY_LOCKED: 409,
    CONFLICT: 409,
    REFUND_EXCEEDS_PURCHASE: 409,
    POINTS_INSUFFICIENT: 409,
    OUT_OF_STOCK: 409,
    LIMIT_REACHED: 409,
    NOT_ELIGIBLE: 409,
    ALREADY_FULFILLED: 409,
    NOT_CANCELLABLE: 409,
    IDEMPOTENCY_CONFLICT: 409,
    REGISTRATION_CLOSED: 409,
    ALREADY_REGISTERED: 409,
    ALREADY_CHECKED_IN: 409,
    TICKET_NOT_CONFIRMED: 409,
    NOT_ATTENDED: 409,
    ALREADY_RATED: 409,
    CONTACT_CAP_REACHED: 409,
    CLERK_HAS_MEMBERS: 409,
    CARD_CODE_EXPIRED: 410,
    PAYLOAD_TOO_LARGE: 413,
    RATE_LIMITED: 429,
    PLATFORM_UNAVAILABLE: 502,
    INTERNAL: 500,
  };

  it.each(Object.values(ErrorCode))('answers DomainError(%s) with its status and code', (code) => {
    const { status, body } = run(new DomainError(code, 'Something specific', { hint: 1 }));
    expect(status).toBe(expectedStatus[code]);
    expect(statusForErrorCode(code)).toBe(expectedStatus[code]);
    expect(body).toEqual({ error: { code, message: 'Something specific', details: { hint: 1 } } });
  });

  it('gives a DomainError without a message a readable default and no details key', () => {
    const { body } = run(new DomainError(ErrorCode.ALREADY_MEMBER));
    expect(body).toEqual({ error: { code: 'ALREADY_MEMBER', message: 'Already member' } });
  });

  it('names every bad field of a zod validation failure, unknown keys included', () => {
    const schema = z.strictObject({
      name: z.string().min(1),
      consent: z.strictObject({ marketing: z.boolean() }),
      interests: z.array(z.string().max(3)),
    });
    const result = schema.safeParse({
      name: '',
      consent: { marketing: 'yes' },
      interests: ['ok', 'too long'],
      extra: 1,
    });
    expect(result.success).toBe(false);
    const { status, body, reply } = run(new ZodValidationException(result.error));
    expect(status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const details = body.error.details as Array<{ path: string; message: string }>;
    expect(details.map((d) => d.path).sort()).toEqual(['consent.marketing', 'extra', 'interests.1', 'name']);
    for (const d of details) expect(d.message).toEqual(expect.any(String));
    expect(body.error.message).toContain('consent.marketing');
  });

  it('treats a bare ZodError like a validation failure', () => {
    const result = z.object({ limit: z.number() }).safeParse({ limit: 'x' });
    const { status, body } = run(result.error);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it.each([
    [new NotFoundException('Cannot GET /api/v1/nope'), 404, 'NOT_FOUND', 'Cannot GET /api/v1/nope'],
    [new UnauthorizedException(), 401, 'UNAUTHENTICATED', 'Unauthorized'],
    [new ForbiddenException('Forbidden resource'), 403, 'FORBIDDEN', 'Forbidden resource'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE', 'Payload Too Large'],
    [new HttpException('Conflict', 409), 409, 'CONFLICT', 'Conflict'],
  ])('maps Nest %p to %i %s', (exception, status, code, message) => {
    const result = run(exception);
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ error: { code, message } });
  });

  it('maps the throttler to 429 RATE_LIMITED with a standard Retry-After', () => {
    const reply = new FakeReply();
    reply.header('Retry-After-auth', '42');
    new AllExceptionsFilter().catch(new ThrottlerException(), httpHost(reply));
    expect(reply.statusCode).toBe(429);
    expect((reply.body as ApiErrorBody).error.code).toBe('RATE_LIMITED');
    expect(reply.headers['retry-after']).toBe('42');
  });

  it('maps a BadRequestException with a list of messages to VALIDATION_FAILED details', () => {
    const { status, body } = run(new BadRequestException(['limit must be a number']));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '', message: 'limit must be a number' }],
    });
  });

  it('maps Fastify body errors as Nest hands them over (wrapped in HttpException) to VALIDATION_FAILED', () => {
    const json = run(
      new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400),
    );
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '', message: expect.stringContaining('not valid JSON') }],
    });
    const mediaType = run(new HttpException('Unsupported Media Type: text/csv', 415));
    expect(mediaType.status).toBe(400);
    expect(mediaType.body.error.code).toBe('VALIDATION_FAILED');
    const tooLarge = run(new HttpException('Request body is too large', 413));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps unreadable JSON to 400 VALIDATION_FAILED with details', () => {
    const syntax = fastifyError(
      'FST_ERR_CTP_INVALID_JSON_BODY',
      400,
      "Body is not valid JSON but content-type is set to 'application/json'",
    );
    const { status, body } = run(syntax);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([{ path: '', message: expect.stringContaining('not valid JSON') }]);
    const raw = run(fastifyError('NOPE', 400, 'Unexpected token', new SyntaxError('Unexpected token')));
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('maps Fastify body-size, empty-body and content-type errors', () => {
    expect(run(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'Request body is too large'))).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
    });
    expect(run(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'empty'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    expect(
      run(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'Unsupported Media Type: text/csv')),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ path: '' }] } },
    });
  });

  it('keeps the status of client errors other libraries mark as exposable (http-errors)', () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403, status: 403, expose: true });
    expect(run(forbidden)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const internal = Object.assign(new Error('pool closed'), { statusCode: 400 });
    expect(run(internal)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
  });

  it('answers a unique-key clash nobody handled with 409 CONFLICT, not 500', () => {
    const error = Object.assign(new Error('Duplicate entry'), {
      name: 'QueryFailedError',
      driverError: { code: 'ER_DUP_ENTRY' },
    });
    expect(run(error)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });

  it('hides unexpected errors behind 500 INTERNAL and logs them with the stack', () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:3306 password=hunter2');
    const { status, body } = run(secret);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(logError).toHaveBeenCalledTimes(1);
    expect(logError.mock.calls[0][0]).toMatchObject({ err: secret });
  });

  it('answers a 5xx HttpException as INTERNAL without its message', () => {
    const { status, body } = run(new HttpException('db pool exhausted at host x', 503));
    expect(status).toBe(500);
    expect(body.error).toEqual({ code: 'INTERNAL', message: 'Internal server error' });
  });

  it('does not log client errors as unexpected', () => {
    run(new DomainError(ErrorCode.NOT_FOUND));
    run(new NotFoundException());
    expect(logError).not.toHaveBeenCalled();
  });

  it('leaves a reply that was already sent alone', () => {
    const reply = new FakeReply();
    reply.sent = true;
    new AllExceptionsFilter().catch(new DomainError(ErrorCode.CONFLICT), httpHost(reply));
    expect(reply.body).toBeUndefined();
    expect(reply.statusCode).toBe(200);
  });
});
