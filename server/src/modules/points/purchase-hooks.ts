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

/** A refund just applied to a purchase, inside its transaction (the purchase and member rows are locked). */
export interface PurchaseRefunded {
  em: EntityManager;
  purchaseId: string;
  memberId: string;
  /** The purchase's amount, and what has been refunded of it in all, this refund included. */
  amount: number;
  refundedAmount: number;
  /** The rule set the purchase was made under (null: the defaults). */
  ruleSetId: string | null;
  now: Date;
}

/**
 * What a hook did to the buyer's points: their balance after its own ledger entries, or null when it
 * wrote none. The purchase's (or refund's) answer reports the balance after the whole transaction.
 */
export type BuyerBalance = number | null;

/**
 * Lets modules that build on purchases (referral rewards) act inside the purchase's or a refund's
 * transaction without points knowing them: they register on init. Hooks run on the hot path, so each
 * must cost at most one indexed lookup when it has nothing to do.
 */
@Injectable()
export class PurchaseHooks {
  private readonly hooks: Array<(event: PurchaseRecorded) => Promise<BuyerBalance>> = [];
  private readonly refundHooks: Array<(event: PurchaseRefunded) => Promise<BuyerBalance>> = [];

  onRecorded(hook: (event: PurchaseRecorded) => Promise<BuyerBalance>): void {
    this.hooks.push(hook);
  }

  onRefunded(hook: (event: PurchaseRefunded) => Promise<BuyerBalance>): void {
    this.refundHooks.push(hook);
  }

  /** The buyer's balance after the hooks' entries (the last hook that wrote one), or null. */
  async recorded(event: PurchaseRecorded): Promise<BuyerBalance> {
    return runAll(this.hooks, event);
  }

  async refunded(event: PurchaseRefunded): Promise<BuyerBalance> {
    return runAll(this.refundHooks, event);
  }
}

async function runAll<E>(hooks: Array<(event: E) => Promise<BuyerBalance>>, event: E): Promise<BuyerBalance> {
  let balance: BuyerBalance = null;
  for (const hook of hooks) balance = (await hook(event)) ?? balance;
  return balance;
}
