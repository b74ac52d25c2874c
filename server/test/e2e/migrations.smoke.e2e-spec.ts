// The drift test: on a fresh, empty database of this project's driver, the migrations alone must
// build exactly the schema the entities describe. If TypeORM's schema builder still has SQL to run
// afterwards, an entity changed without a migration (or a migration is wrong for this driver).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { ENTITIES } from '../../src/database/entities';
import { mysqlMigrations } from '../../src/database/migrations/mysql';
import { sqliteMigrations } from '../../src/database/migrations/sqlite';
import { createTestDatabase, dropTestDatabase, testDbDriver } from '../setup/test-app';

const driver = testDbDriver();

describe(`migrations on ${driver}`, () => {
  let dataSource: DataSource;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    let database: DatabaseConfig;
    if (driver === 'mysql') {
      const db = await createTestDatabase();
      database = { kind: 'mysql', url: db.url };
      cleanUp = () => dropTestDatabase(db.name);
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'vip-club-migrations-'));
      database = { kind: 'sqlite', path: join(dir, 'club.sqlite') };
      cleanUp = () => rm(dir, { recursive: true, force: true });
    }
    // Exactly what the app uses, except that this test runs the migrations itself.
    dataSource = new DataSource({
      ...(await buildDataSourceOptions({ database })),
      migrationsRun: false,
      logger: 'simple-console',
      logging: false,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await cleanUp?.();
  });

  it('has a migration for each driver under the same names', () => {
    const names = (list: Array<{ name: string }>) => list.map((m) => m.name);
    expect(names(sqliteMigrations)).toEqual(names(mysqlMigrations));
  });

  it('runs every migration on an empty database and leaves none pending', async () => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('leaves the schema exactly as the entities describe it', async () => {
    expect(ENTITIES.length).toBeGreaterThan(0);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    const sql = pending.upQueries.map((q) => `${q.query};`);
    // Printed whole so the fix (a new migration) can be written from the failure alone.
    expect(
      sql.length === 0 ? 'no drift' : `entities drift from the ${driver} migrations:\n${sql.join('\n')}`,
    ).toBe('no drift');
  });

  it('can revert every migration back to an empty schema', async () => {
    for (let i = dataSource.migrations.length; i > 0; i -= 1)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const queryRunner = dataSource.createQueryRunner();
    try {
      const left: string[] = [];
      for (const { tableName } of dataSource.entityMetadatas) {
        if (await queryRunner.hasTable(tableName)) left.push(tableName);
      }
      expect(left).toEqual([]);
    } finally {
      await queryRunner.release();
    }
  });
});
