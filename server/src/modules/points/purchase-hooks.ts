import { Injectable } from '@nestjs/common';
import type { ClubRules } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';

/** A purchase just recorded, inside its transaction (the member's row is locked). */
export interface PurchaseRecorded {
  em: EntityManager;
  purchaseId: string;
  memberId: string;
  amount: number;
  occurredAt: Date;
  now: Date;
  rules: ClubRules;
  timeZone: string;
}

/**
 * Lets modules that build on purchases (referral rewards) act inside the purchase's transaction
 * without points knowing them: they register on init. Hooks run on the hot path, so each must
 * cost at most one indexed lookup when it has nothing to do.
 */
@Injectable()
export class PurchaseHooks {
  private readonly hooks: Array<(event: PurchaseRecorded) => Promise<void>> = [];

  onRecorded(hook: (event: PurchaseRecorded) => Promise<void>): void {
    this.hooks.push(hook);
  }

  async recorded(event: PurchaseRecorded): Promise<void> {
    for (const hook of this.hooks) await hook(event);
  }
}
