import type { DataSourceOptions } from 'typeorm';
import type { AppConfigShape } from '../config/app-config';
import { ENTITIES } from './entities';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TYPEORM_SLOW_QUERY_MS, TypeOrmLogger } from './typeorm-logger';

export type MysqlFlavour = 'mysql' | 'mariadb';

/**
 * TypeORM compares defaults and generated columns differently for MariaDB and MySQL, so the
 * driver type must match the server: `mariadb://` says so, otherwise ask the server once.
 */
export async function detectMysqlFlavour(url: string): Promise<MysqlFlavour> {
  if (url.startsWith('mariadb:')) return 'mariadb';
  const mysql = await import('mysql2/promise');
  let connection: Awaited<ReturnType<typeof mysql.createConnection>>;
  try {
    connection = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
  } catch (err) {
    throw new Error(`Cannot reach the database at ${describeDatabaseUrl(url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: unknown }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** `mysql://club@db:3306/club`: the URL without its password, fit for a log line. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

const common = {
  entities: ENTITIES,
  namingStrategy: new SnakeNamingStrategy(),
  // Never: the schema changes only through reviewed migrations, for both drivers.
  synchronize: false,
  migrationsRun: true,
  migrationsTableName: 'migrations',
  migrationsTransactionMode: 'each',
  logger: new TypeOrmLogger(),
  maxQueryExecutionTime: TYPEORM_SLOW_QUERY_MS,
} as const satisfies Partial<DataSourceOptions>;

/** The TypeORM options for the configured database; shared by the app, the CLI and the tests. */
export async function buildDataSourceOptions(
  config: Pick<AppConfigShape, 'database'>,
  flavour?: MysqlFlavour,
): Promise<DataSourceOptions> {
  const { database } = config;
  if (database.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      // Listed, not globbed: the same list works from sources (jest) and from dist.
      migrations: sqliteMigrations,
      enableWAL: true,
      // better-sqlite3's busy timeout: wait for a writer instead of failing with SQLITE_BUSY.
      timeout: 10_000,
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: flavour ?? (await detectMysqlFlavour(database.url)),
    url: database.url.replace(/^mariadb:/, 'mysql:'),
    migrations: mysqlMigrations,
    // MySQL 8's default collation (utf8mb4_0900_ai_ci) does not exist on MariaDB.
    charset: 'utf8mb4_unicode_ci',
    // DATETIME columns hold UTC; the API renders ISO with offset.
    timezone: 'Z',
    dateStrings: false,
    // BIGINT ids and amounts arrive as strings; entities convert (see column-transformers.ts).
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: 10,
    connectTimeout: 10_000,
    // mysql2's long stack traces capture a stack on every query: ~4 % of the server's CPU under
    // load. A failed query still names its SQL and the server's error (TypeORM's QueryFailedError).
    trace: false,
  };
}
