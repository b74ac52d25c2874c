import type { StaffRole } from '../enums/role';

/** A store of the chain. */
export interface Store {
  id: string;
  name: string;
  city: string;
  address: string;
}

/** A staff account as managers see it (never its password). */
export interface Staff {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
  /** @deprecated Read `active`: this is the same value, still sent for clients written before `active` was added. */
  isActive: boolean;
  /** False once a manager has deactivated the account: it can no longer log in. */
  active: boolean;
  /** The staff member's mainland mobile, or null. */
  phone: string | null;
  createdAt: string;
  /** In `GET /staff`: how many members have this staff member as their clerk. */
  members?: number;
}
