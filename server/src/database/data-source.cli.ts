/**
 * The DataSource for the TypeORM CLI (built to dist/database/data-source.cli.js). Generating a
 * migration after changing entities, against a scratch database that has all migrations applied:
 *
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/scratch \
 *     pnpm --filter ./server migration:generate:mysql src/database/migrations/mysql/AddMembers
 *   pnpm --filter ./server migration:generate:sqlite src/database/migrations/sqlite/AddMembers
 *
 * Both build first, run the existing migrations, then write `<timestamp>-AddMembers.ts` (the path
 * is relative to server/). The sqlite script uses a fresh temporary CLUB_DATA_DIR unless you give
 * one. Then append the class to that folder's index.ts list (migrations are listed, not globbed),
 * review the SQL, and let the drift test (test/e2e/migrations.smoke.e2e-spec.ts) confirm it.
 */
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { buildDataSourceOptions } from './data-source';

export default (async () => {
  const options = await buildDataSourceOptions(loadConfig());
  // The CLI runs migrations itself; it must not run them when it merely loads this file.
  return new DataSource({ ...options, migrationsRun: false });
})();
