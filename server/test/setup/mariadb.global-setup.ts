import { startPrivateMariadb, TEST_MYSQL_URL_ENV } from './private-mariadb';

/** Starts the private MariaDB for the MySQL e2e project, unless TEST_MYSQL_URL names a server to use instead. */
export default async function globalSetup(): Promise<void> {
  const external = process.env.TEST_MYSQL_URL;
  if (external) {
    process.env[TEST_MYSQL_URL_ENV] = external;
    return;
  }
  const db = await startPrivateMariadb();
  globalThis.__vipClubMariadb = db;
  // Workers are forked after the global setup and inherit this.
  process.env[TEST_MYSQL_URL_ENV] = db.url;
}
