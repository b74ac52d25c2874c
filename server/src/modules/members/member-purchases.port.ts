import { Injectable } from '@nestjs/common';
import type { MemberPurchase } from '@vip-club/shared';

/** Reads a member's purchases, newest first; implemented by the points module, which owns purchases. */
export interface MemberPurchasesReader {
  latest(memberId: string, limit: number): Promise<MemberPurchase[]>;
}

/**
 * Where the members module gets a member's purchases without importing the points module (which
 * imports this one, so the other way round would be a cycle): the points module plugs its reader in
 * on init. A port the consumer declares and the owner fills keeps the dependency pointing one way.
 */
@Injectable()
export class MemberPurchasesPort {
  private reader: MemberPurchasesReader | null = null;

  provide(reader: MemberPurchasesReader): void {
    if (this.reader) throw new Error('A member purchases reader is already provided');
    this.reader = reader;
  }

  latest(memberId: string, limit: number): Promise<MemberPurchase[]> {
    if (!this.reader) throw new Error('No member purchases reader: the points module provides it on init');
    return this.reader.latest(memberId, limit);
  }
}
