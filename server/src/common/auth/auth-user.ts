import type { Role } from '@vip-club/shared';

/**
 * The claims of an access token, which is all a request knows about its caller.
 * `sub` is the member id (member), the identity id (visitor) or the staff id (clerk, manager).
 */
export interface AuthUser {
  sub: string;
  role: Role;
  /** A clerk's store. */
  storeId?: string;
  /** The platform identity a member or visitor logged in through. */
  identityId?: string;
}

/** Access tokens live 15 minutes; the refresh token gets a new one. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
