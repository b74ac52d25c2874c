// The people a contract table needs, made through the real API: the bootstrap manager, two stores
// each with a clerk, members of each store and one of none, and a visitor who has not joined.
import type { Store } from '@vip-club/shared';
import type { TestAgent } from '../../setup/test-app';
import {
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginAsNewVisitor,
  loginManager,
  unique,
  type Visitor,
} from '../club.factory';

export interface CastStore {
  store: Store;
  clerkId: string;
  clerkToken: string;
}

export interface Cast {
  managerToken: string;
  managerId: string;
  /** Store A and its clerk. */
  a: CastStore;
  /** Store B and its clerk: a clerk of "another store" for A's members. */
  b: CastStore;
  /** A member whose home store is A (and whose personal clerk is A's clerk). */
  memberOfA: JoinedMember;
  /** A member whose home store is B. */
  memberOfB: JoinedMember;
  /** A member who chose no store. */
  memberWithoutStore: JoinedMember;
  /** Logged in through a platform, not yet joined. */
  visitor: Visitor;
}

export async function createCast(http: TestAgent): Promise<Cast> {
  const manager = await loginManager(http);
  const a = await createStoreAndClerk(http, manager.accessToken);
  const b = await createStoreAndClerk(http, manager.accessToken);
  // Distinct names, so a test can search an answer for another member's data by text.
  const memberOfA = await joinMember(http, { name: unique('甲'), storeId: a.store.id });
  const memberOfB = await joinMember(http, { name: unique('乙'), storeId: b.store.id }, 'alipay');
  const memberWithoutStore = await joinMember(http, { name: unique('丙') });
  const visitor = await loginAsNewVisitor(http);
  return {
    managerToken: manager.accessToken,
    managerId: manager.staff.id,
    a: { store: a.store, clerkId: a.clerk.id, clerkToken: a.clerkToken },
    b: { store: b.store, clerkId: b.clerk.id, clerkToken: b.clerkToken },
    memberOfA,
    memberOfB,
    memberWithoutStore,
    visitor,
  };
}

/** `138****5678`: the first three and last four digits of `phone`, the middle hidden. */
export function maskedForm(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
