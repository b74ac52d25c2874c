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
  isActive: boolean;
  createdAt: string;
}
