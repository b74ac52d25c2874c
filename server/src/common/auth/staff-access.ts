import type { AuthUser } from './auth-user';

/**
 * Whether a staff member's access token still speaks for a current account. The global guard asks it
 * on every staff request, so a deactivated account (or a clerk moved to another store) stops working
 * at once instead of when the 15-minute token runs out. The staff module provides it.
 */
export abstract class StaffAccess {
  /** Throws 401 when the account is gone or inactive, 401 TOKEN_EXPIRED when its store changed. */
  abstract assertCurrent(user: AuthUser): Promise<void>;
}
