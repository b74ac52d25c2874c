import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The embedded database is one better-sqlite3 connection behind one TypeORM query runner, and TypeORM
 * nests a second `transaction()` that starts while another is open inside it as a savepoint: two
 * requests (or a request and the outbox dispatcher) would then share, commit and roll back each
 * other's work. Here every transaction holds the connection from BEGIN to COMMIT, and a statement
 * issued outside any transaction waits for the open one to finish. Work already inside a transaction
 * (the same async context) goes straight through, so nested calls cannot deadlock. MySQL needs none
 * of this: its pool gives each transaction its own connection.
 */
export function serialiseSqliteAccess(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const holder = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    if (holder.getStore()) return work();
    const run = tail.then(() => holder.run(true, work));
    tail = run.catch(() => undefined);
    return run;
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    exclusive(() => transaction(...args))) as typeof manager.transaction;

  // better-sqlite3's driver hands out one query runner for everything; guard its statements too.
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => exclusive(() => query(...args))) as QueryRunner['query'];
}
