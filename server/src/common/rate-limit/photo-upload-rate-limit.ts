import { type CanActivate, type ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ErrorCode } from '@vip-club/shared';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../errors/domain-error';

export const PHOTO_UPLOAD_THROTTLER = 'photo-upload';

/**
 * Counts a member's photo uploads, `PHOTO_UPLOAD_RATE_LIMIT` per `PHOTO_UPLOAD_RATE_TTL_SECONDS`
 * (default 20 an hour) over a sliding window, by member id: a shop's customers share its Wi-Fi, so an
 * IP would let one member use up everyone's uploads. Beyond it, 429 RATE_LIMITED with Retry-After, the
 * seconds until her oldest counted upload leaves the window. A route guard, so it runs after the
 * global auth guard has named the member; the counts live in this process, like the login limits.
 */
@Injectable()
export class PhotoUploadRateLimitGuard implements CanActivate {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const user = http.getRequest<{ user?: AuthUser }>().user;
    if (!user) return true;
    const { limit, ttlMs } = this.config.rateLimit.photoUpload;
    // No block duration: each upload counts for the window from its own moment (a sliding window).
    const record = await this.storage.increment(
      `${PHOTO_UPLOAD_THROTTLER}:${user.sub}`,
      ttlMs,
      limit,
      0,
      PHOTO_UPLOAD_THROTTLER,
    );
    if (!record.isBlocked) return true;
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    void http.getResponse<FastifyReply>().header('retry-after', String(retryAfter));
    throw new DomainError(ErrorCode.RATE_LIMITED, 'You have sent many photos lately; try again later', {
      retryAfterSeconds: retryAfter,
    });
  }
}

/** Limits a member route to so many photo uploads per member (see `PhotoUploadRateLimitGuard`). */
export const PhotoUploadRateLimit = (): MethodDecorator & ClassDecorator => UseGuards(PhotoUploadRateLimitGuard);
