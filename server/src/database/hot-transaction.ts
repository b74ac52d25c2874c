import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { rawExecute } from './raw-write';

/**
 * `dataSource.transaction(work)` for the hottest transactions (recording a purchase, redeeming): on
 * MySQL, START TRANSACTION, COMMIT and ROLLBACK go straight to the connection (see raw-write.ts)
 * instead of through TypeORM's transaction events and query path, which cost more CPU than the
 * statements themselves. Same semantics: one connection, all of `work` or nothing, the connection
 * back to the pool afterwards. The runner is marked in a transaction meanwhile, so TypeORM calls
 * inside `work` never open one of their own. SQLite keeps TypeORM's own.
 */
export async function hotTransaction<T>(
  dataSource: DataSource,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const type = dataSource.driver.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return dataSource.transaction(work);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const em = runner.manager;
    await rawExecute(em, 'START TRANSACTION', []);
    markInTransaction(runner, true);
    try {
      const result = await work(em);
      await rawExecute(em, 'COMMIT', []);
      return result;
    } catch (err) {
      // The original error stands even when the rollback fails (the connection is gone, say).
      await rawExecute(em, 'ROLLBACK', []).catch(() => undefined);
      throw err;
    } finally {
      markInTransaction(runner, false);
    }
  } finally {
    await runner.release();
  }
}

/** TypeORM's own bookkeeping of an open transaction, as its startTransaction/commitTransaction keep it. */
function markInTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}
