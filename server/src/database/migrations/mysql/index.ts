import { CreateMembersStoresStaff1795400000000 } from './1795400000000-CreateMembersStoresStaff';

/** The mysql migrations in the order they run; a new migration is appended here. */
export const mysqlMigrations = [CreateMembersStoresStaff1795400000000];
