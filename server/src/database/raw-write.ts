import { type EntityManager, QueryFailedError } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { TYPEORM_SLOW_QUERY_MS } from './typeorm-logger';

/**
 * Parameterised SQL (`?` placeholders, the same on MySQL and SQLite) for the hottest statements of
 * the points economy, in the caller's transaction when `em` has one.
 *
 * On MySQL the statement goes straight to the mysql2 connection TypeORM holds for the transaction
 * (or to its pool): TypeORM's own `query()` wraps each call in a fresh promise connection, whose
 * `require()` alone was ~4 % of the server's CPU under load, plus logging and event broadcasting
 * that nothing here listens to. Failures are still TypeORM's `QueryFailedError` carrying the
 * driver's error, so `isUniqueViolation` and the deadlock retries read them as before; slow
 * statements are still logged. SQLite goes through TypeORM (it converts the parameters there).
 */
export interface RawResult {
  /** The rows of a SELECT or of a `RETURNING` clause; empty for a plain write. */
  rows: Array<Record<string, unknown>>;
  /** Rows an UPDATE/DELETE changed (matched, on MySQL) or an INSERT added. */
  affected: number;
  /** The auto-increment id of a plain INSERT; null otherwise. */
  insertId: string | null;
}

type Mysql2Callback = (err: Error | null, result: unknown) => void;
interface Mysql2Queryable {
  query(sql: string, values: unknown[], callback: Mysql2Callback): unknown;
}

export async function rawExecute(em: EntityManager, sql: string, params: unknown[]): Promise<RawResult> {
  const direct = mysqlTarget(em);
  if (direct === null) return throughTypeorm(em, sql, params);
  const started = Date.now();
  let result: unknown;
  try {
    result = await new Promise<unknown>((resolve, reject) => {
      direct.query(sql, params, (err, res) => (err ? reject(err) : resolve(res)));
    });
  } catch (err) {
    throw new QueryFailedError(sql, params, err as Error);
  }
  const ms = Date.now() - started;
  if (ms > TYPEORM_SLOW_QUERY_MS) em.connection.logger.logQuerySlow(ms, sql, params);
  return fromMysql(result);
}

/** Runs a write and answers how many rows it changed. */
export async function rawWrite(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  return (await rawExecute(em, sql, params)).affected;
}

/** Runs a SELECT (or a statement with `RETURNING`) and answers its rows. */
export async function rawQuery<T extends Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return (await rawExecute(em, sql, params)).rows as T[];
}

/** Runs an INSERT of one row and answers its new id. */
export async function rawInsert(em: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const { insertId } = await rawExecute(em, sql, params);
  if (insertId === null) throw new Error(`the insert reported no id: ${sql.slice(0, 80)}`);
  return insertId;
}

/** True when `INSERT … RETURNING` works here (MariaDB 10.5+, SQLite; not MySQL). */
export function insertReturns(em: EntityManager): boolean {
  return em.connection.driver.isReturningSqlSupported('insert');
}

/** A DATETIME read by raw SQL: mysql2 gives a Date (UTC, see the data source), SQLite TypeORM's UTC text. */
export function rawDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}

/** The mysql2 connection of `em`'s transaction, or the pool outside one; null for SQLite or not yet connected. */
function mysqlTarget(em: EntityManager): Mysql2Queryable | null {
  const type = em.connection.driver.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return null;
  const holder = em.queryRunner
    ? (em.queryRunner as unknown as { databaseConnection?: unknown }).databaseConnection
    : (em.connection.driver as unknown as { pool?: unknown }).pool;
  return isQueryable(holder) ? holder : null;
}

function isQueryable(value: unknown): value is Mysql2Queryable {
  return typeof (value as { query?: unknown } | undefined)?.query === 'function';
}

function fromMysql(result: unknown): RawResult {
  if (Array.isArray(result))
    return { rows: result as RawResult['rows'], affected: result.length, insertId: null };
  const header = result as { affectedRows?: number; insertId?: number | string };
  const insertId =
    header.insertId === undefined || Number(header.insertId) === 0 ? null : String(header.insertId);
  return { rows: [], affected: header.affectedRows ?? 0, insertId };
}

async function throughTypeorm(em: EntityManager, sql: string, params: unknown[]): Promise<RawResult> {
  const sqlite = em.connection.driver.options.type === 'better-sqlite3';
  // better-sqlite3 binds no Date: TypeORM stores them as UTC text, so the raw statement does too.
  const values = sqlite
    ? params.map((p) => (p instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(p) : p))
    : params;
  const run = (runner: NonNullable<EntityManager['queryRunner']>) => runner.query(sql, values, true);
  let result: { records?: unknown[]; affected?: number; raw: unknown };
  if (em.queryRunner) {
    result = await run(em.queryRunner);
  } else {
    const runner = em.connection.createQueryRunner();
    try {
      result = await run(runner);
    } finally {
      await runner.release();
    }
  }
  if (!sqlite) return fromMysql(result.raw);
  const rows = Array.isArray(result.raw) ? (result.raw as RawResult['rows']) : [];
  const lastId = typeof result.raw === 'number' || typeof result.raw === 'bigint' ? String(result.raw) : null;
  return { rows, affected: result.affected ?? rows.length, insertId: rows.length > 0 ? null : lastId };
}
