import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ErrorCode } from '@vip-club/shared';
import { MemberAccess } from '../../common/auth/member-access';
import { DomainError } from '../../common/errors/domain-error';
import { MemberHooks } from '../members/member-hooks';
import { MembersService } from '../members/members.service';

/**
 * How long a member found live is taken as live without asking again: another server process honours
 * an erased member's token at most this much longer (this process learns of its own erasures at once).
 * It spares a read on nearly every member request; the hot member paths (a redemption, a registration)
 * keep to few statements.
 */
const LIVE_MS = 5_000;

/**
 * Past this many remembered members, expired entries are swept at the next read (and everything is
 * forgotten if that is not enough): a busy minute of a 300,000-member club must not grow the map for
 * good.
 */
const MAX_ENTRIES = 20_000;

@Injectable()
export class MemberAccessService extends MemberAccess implements OnModuleInit {
  /** Per member id: whether she is live (being read or read), and until when that holds. */
  private readonly cache = new Map<string, { until: number; live: Promise<boolean> }>();

  constructor(
    private readonly members: MembersService,
    private readonly hooks: MemberHooks,
  ) {
    super();
  }

  onModuleInit(): void {
    this.hooks.onErasing(async ({ memberId }) => this.erasing(memberId));
  }

  async assertCurrent(memberId: string): Promise<void> {
    if (!(await this.isLive(memberId))) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This membership no longer exists; log in again');
    }
  }

  /**
   * Inside the erasure's transaction: her next requests in this process are refused from now on.
   * Only for a while: should the erasure roll back, she is let in again once it runs out; once it
   * committed, the next read finds her erased for good.
   */
  private erasing(memberId: string): void {
    this.cache.set(memberId, { until: Date.now() + LIVE_MS, live: Promise.resolve(false) });
  }

  private isLive(memberId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.cache.get(memberId);
    if (cached && cached.until > now) return cached.live;
    if (this.cache.size >= MAX_ENTRIES) this.sweep(now);
    // Concurrent requests of one member share a single read.
    const live = this.members.getOwn(memberId).then((member) => member !== null);
    const entry = { until: now + LIVE_MS, live };
    this.cache.set(memberId, entry);
    live.catch(() => {
      if (this.cache.get(memberId) === entry) this.cache.delete(memberId);
    });
    return live;
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.cache) {
      if (entry.until <= now) this.cache.delete(id);
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }
}
