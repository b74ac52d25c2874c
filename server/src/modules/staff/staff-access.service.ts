import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { StaffAccess } from '../../common/auth/staff-access';
import { DomainError } from '../../common/errors/domain-error';
import { StaffRepository } from './staff.repository';

/**
 * How long another server process may still honour a token of an account deactivated elsewhere;
 * this process forgets its own changes at once. A few seconds spare a query on nearly every staff
 * request (a clerk's app sends several a second at the till).
 */
const FRESH_MS = 5_000;

interface Standing {
  active: boolean;
  storeId: string | null;
}

@Injectable()
export class StaffAccessService extends StaffAccess {
  /** Per staff id: the standing being read or read, and until when it holds. One entry per account, a few hundred at most. */
  private readonly cache = new Map<string, { until: number; standing: Promise<Standing | null> }>();

  constructor(private readonly staff: StaffRepository) {
    super();
  }

  async assertCurrent(user: AuthUser): Promise<void> {
    const standing = await this.standingOf(user.sub);
    if (!standing?.active) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This account can no longer log in');
    }
    if (standing.storeId !== (user.storeId ?? null)) {
      // The token names the old store: a refresh issues one with the current claims.
      throw new DomainError(ErrorCode.TOKEN_EXPIRED, 'Your account has changed; refresh the token');
    }
  }

  /** Called after a change to the account commits, so this process applies it to the next request. */
  forget(staffId: string): void {
    this.cache.delete(staffId);
  }

  private standingOf(staffId: string): Promise<Standing | null> {
    const now = Date.now();
    const cached = this.cache.get(staffId);
    if (cached && cached.until > now) return cached.standing;
    // Concurrent requests of one account share a single read.
    const standing = this.staff
      .findById(staffId)
      .then((row) => (row ? { active: row.active, storeId: row.storeId } : null));
    const entry = { until: now + FRESH_MS, standing };
    this.cache.set(staffId, entry);
    standing.catch(() => {
      if (this.cache.get(staffId) === entry) this.cache.delete(staffId);
    });
    return standing;
  }
}
