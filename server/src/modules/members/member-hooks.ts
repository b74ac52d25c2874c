import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A join that has bound a platform account to a member, inside the join's transaction. */
export interface MemberJoined {
  em: EntityManager;
  memberId: string;
  /** False when the phone was already a member's (the account was bound to that member). */
  isNew: boolean;
  phone: string;
  /** The store the member joins at (their home store); null when none was given. */
  storeId: string | null;
  /** The live member whose referral code the join carried, if any. */
  referrerId: string | null;
  at: Date;
}

/** A member about to be erased, inside the erasure's transaction, phone still known. */
export interface MemberErasing {
  em: EntityManager;
  memberId: string;
  phone: string | null;
  at: Date;
}

/**
 * Lets modules that build on members (referrals) act inside a join or an erasure without members
 * knowing them: they register on init, as jobs do with the JobsRegistry, and their work commits or
 * rolls back with the member's.
 */
@Injectable()
export class MemberHooks {
  private readonly joinedHooks: Array<(event: MemberJoined) => Promise<void>> = [];
  private readonly erasingHooks: Array<(event: MemberErasing) => Promise<void>> = [];

  onJoined(hook: (event: MemberJoined) => Promise<void>): void {
    this.joinedHooks.push(hook);
  }

  onErasing(hook: (event: MemberErasing) => Promise<void>): void {
    this.erasingHooks.push(hook);
  }

  async joined(event: MemberJoined): Promise<void> {
    for (const hook of this.joinedHooks) await hook(event);
  }

  async erasing(event: MemberErasing): Promise<void> {
    for (const hook of this.erasingHooks) await hook(event);
  }
}
