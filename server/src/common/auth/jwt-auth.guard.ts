import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, ROLES as ALL_ROLES, type Role } from '@vip-club/shared';
import { DomainError } from '../errors/domain-error';
import { ALLOWS_API_KEY, API_KEY_HEADER } from './allow-api-key.decorator';
import type { AuthUser } from './auth-user';
import { MemberAccess } from './member-access';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';
import { StaffAccess } from './staff-access';

interface RouteAccess {
  isPublic: boolean;
  allowsApiKey: boolean;
  roles: Role[] | undefined;
}

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/**
 * Global guard: every route needs a valid access token unless it is `@Public()`, and a route with
 * `@Roles(...)` only admits those roles. No token or a bad one → 401 UNAUTHENTICATED; an expired
 * one → 401 TOKEN_EXPIRED (the client refreshes); wrong role → 403 FORBIDDEN. A staff token also
 * needs its account still active (see `StaffAccess`), a member token its member not erased (see
 * `MemberAccess`).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** Per controller class, then per handler: a handler inherited by two controllers may differ by class. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly staffAccess: StaffAccess,
    private readonly memberAccess: MemberAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const route = this.routeOf(context);
    if (route.isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // A till's POS key: the route's own guard verifies it.
    if (route.allowsApiKey && request.headers[API_KEY_HEADER] !== undefined) {
      return true;
    }
    request.user = await this.verify(bearerToken(request));

    const roles = route.roles;
    if (roles && !roles.includes(request.user.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'This route is not open to your role');
    }
    // After the role check, which needs no database: a route closed to the role answers 403 either way.
    if (request.user.role === 'clerk' || request.user.role === 'manager') {
      await this.staffAccess.assertCurrent(request.user);
    } else if (request.user.role === 'member') {
      await this.memberAccess.assertCurrent(request.user.sub);
    }
    return true;
  }

  /**
   * What the route's decorators say, read once per handler: decorators are fixed once the app is
   * built, and reading them through the Reflector on every request showed in the CPU profile.
   */
  private routeOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.routes.get(controller);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.routes.set(controller, byHandler);
    }
    let route = byHandler.get(handler);
    if (!route) {
      const targets = [handler, controller];
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        allowsApiKey: this.reflector.getAllAndOverride<boolean>(ALLOWS_API_KEY, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      byHandler.set(handler, route);
    }
    return route;
  }

  private async verify(token: string | null): Promise<AuthUser> {
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Log in first: no bearer token');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, { algorithms: ['HS256'] });
    } catch (err) {
      if ((err as { name?: string }).name === 'TokenExpiredError') {
        throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'The access token has expired; refresh it');
      }
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid');
    }
    const user = toAuthUser(claims);
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid');
    return user;
  }
}

function bearerToken(request: AuthenticatedRequest): string | null {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1] : null;
}

function toAuthUser(claims: Record<string, unknown>): AuthUser | null {
  const { sub, role, storeId, identityId } = claims;
  if (typeof sub !== 'string' || typeof role !== 'string') return null;
  if (!(ALL_ROLES as readonly string[]).includes(role)) return null;
  const user: AuthUser = { sub, role: role as Role };
  if (typeof storeId === 'string') user.storeId = storeId;
  if (typeof identityId === 'string') user.identityId = identityId;
  return user;
}
