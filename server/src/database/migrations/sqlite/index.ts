import { CreateMembersStoresStaff1795400000000 } from './1795400000000-CreateMembersStoresStaff';

/** The sqlite migrations in the order they run; a new migration is appended here. */
export const sqliteMigrations = [CreateMembersStoresStaff1795400000000];
