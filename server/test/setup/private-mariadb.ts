// The e2e run's throwaway MariaDB comes from the one launcher the benchmarks use too
// (scripts/lib/private-mariadb.cjs): its own data dir and port, gone when the run ends, even when jest
// itself is killed (a watchdog process cleans up).
import type { PrivateMariadb } from '../../../scripts/lib/private-mariadb.cjs';

export { startPrivateMariadb, type PrivateMariadb } from '../../../scripts/lib/private-mariadb.cjs';

/** The env var through which the jest workers learn where the test server is. */
export const TEST_MYSQL_URL_ENV = 'CLUB_TEST_MYSQL_URL';

declare global {
  // Set by the global setup, read by the global teardown (same process).
  var __vipClubMariadb: PrivateMariadb | undefined;
}
