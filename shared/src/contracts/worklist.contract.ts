import type { Tier } from '../enums/tier';
import type { WorklistReason } from '../rules/worklist';

/** One member a clerk should reach today, and why. `spend12m` is minor units, net of refunds. */
export interface WorklistEntry {
  member: { id: string; memberNo: string; name: string; tier: Tier; phoneMasked: string | null };
  reasons: WorklistReason[];
  spend12m: number;
}

/** `GET /staff/worklist`: the clerk's own members to reach today, highest 12-month spend first. */
export interface Worklist {
  items: WorklistEntry[];
}
