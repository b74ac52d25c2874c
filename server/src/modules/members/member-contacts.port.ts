import { Injectable } from '@nestjs/common';
import type { MemberContact } from '@vip-club/shared';

/** A member's contact history, newest first, at most `limit`; the greetings module owns contacts. */
export type MemberContactsReader = (memberId: string, limit: number) => Promise<MemberContact[]>;

/**
 * Where `GET /members/{id}` gets the contact history without importing the greetings module: greetings
 * plugs its reader in on init (as points does for purchases), so the import arrow stays greetings → members.
 */
@Injectable()
export class MemberContactsPort {
  private reader: MemberContactsReader | null = null;

  provide(reader: MemberContactsReader): void {
    this.reader = reader;
  }

  latest(memberId: string, limit: number): Promise<MemberContact[]> {
    if (!this.reader) throw new Error('No member contacts reader: the greetings module provides it on init');
    return this.reader(memberId, limit);
  }
}
