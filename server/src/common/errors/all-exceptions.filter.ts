import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse, type ErrorResponse } from './error-response';

/**
 * The one exception filter: every failure a route raises leaves in the contract's shape
 * `{error: {code, message, details}}`. Stacks go to the log, never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendError(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), exception, this.logger);
  }
}

/** Shared by the filter and Fastify's own error handler (errors raised before a route runs). */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest | undefined,
  exception: unknown,
  logger: Logger,
): ErrorResponse {
  const response = toErrorResponse(exception);
  if (response.unexpected) {
    logger.error(
      { err: exception, method: request?.method, url: request?.routeOptions?.url ?? undefined },
      'Unexpected error while handling a request',
    );
  }
  if (!reply.sent) {
    if (response.status === 429) copyRetryAfter(reply);
    void reply
      .status(response.status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(response.body);
  }
  return response;
}

/** The throttler names its header after the limit (`Retry-After-auth`); clients read the standard one. */
function copyRetryAfter(reply: FastifyReply): void {
  if (reply.getHeader('retry-after') !== undefined) return;
  const named = Object.entries(reply.getHeaders()).find(([name]) =>
    name.toLowerCase().startsWith('retry-after-'),
  );
  if (named?.[1] !== undefined) void reply.header('retry-after', String(named[1]));
}
