import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config';

const AUTH_RATE_LIMITED = 'vip-club:auth-rate-limited';
export const AUTH_THROTTLER = 'auth';

/**
 * Limits a route (or every route of a controller) to `AUTH_RATE_LIMIT` requests per
 * `AUTH_RATE_TTL_SECONDS` (default 10 a minute) per client IP and route; beyond it, 429 RATE_LIMITED.
 * For the login and refresh routes, where guessing is the threat.
 */
export const AuthRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_RATE_LIMITED, true);

function isAuthRateLimited(context: ExecutionContext): boolean {
  return (
    Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true ||
    Reflect.getMetadata(AUTH_RATE_LIMITED, context.getClass()) === true
  );
}

/** The throttlers the global guard knows; routes without a rate-limit decorator are not counted. */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: AUTH_THROTTLER,
        limit: config.rateLimit.auth.limit,
        ttl: config.rateLimit.auth.ttlMs,
        skipIf: (context) => !isAuthRateLimited(context),
      },
    ],
  };
}
