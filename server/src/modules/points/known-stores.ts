import { Injectable } from '@nestjs/common';
import { StoresService } from '../stores/stores.service';

/** How long a store once found is taken to exist without asking again. */
const TTL_MS = 10_000;
/** Far more stores than a chain has; past it the cache starts over rather than grow. */
const MAX_STORES = 10_000;

/**
 * Every purchase names its store, and asking the database each time cost a query per purchase.
 * Stores are only ever created, never deleted (and `purchases.store_id` is a foreign key besides),
 * so a store found once still exists; the TTL only bounds how long this process trusts that.
 */
@Injectable()
export class KnownStores {
  private readonly foundUntil = new Map<string, number>();

  constructor(private readonly stores: StoresService) {}

  /** Resolves when the store exists; 404 NOT_FOUND (field `storeId`) otherwise. */
  async require(storeId: string): Promise<void> {
    const now = Date.now();
    const until = this.foundUntil.get(storeId);
    if (until !== undefined && until > now) return;
    await this.stores.require(storeId);
    if (this.foundUntil.size >= MAX_STORES) this.foundUntil.clear();
    this.foundUntil.set(storeId, now + TTL_MS);
  }
}
