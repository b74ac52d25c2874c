import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCode } from '@vip-club/shared';
import { API_KEY_HEADER } from '../../common/auth/allow-api-key.decorator';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import type { ApiKeyCaller } from './actor';
import { ApiKeysService } from './api-keys.service';

interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
  apiKey?: ApiKeyCaller;
}

/**
 * For `@AllowApiKey()` routes: a request with `X-Api-Key` is a store till, verified here (401 when
 * unknown or revoked); without one, the global guard has already checked the bearer token and roles.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const header = request.headers[API_KEY_HEADER];
    if (header === undefined) {
      if (!request.user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Log in first: no bearer token');
      return true;
    }
    const key = Array.isArray(header) ? header[0] : header;
    request.apiKey = await this.keys.verify(key.trim());
    return true;
  }
}
