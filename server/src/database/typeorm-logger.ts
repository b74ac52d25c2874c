import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface } from 'typeorm';

const SLOW_QUERY_MS = 1_000;
const MAX_SQL_IN_LOG = 500;

/**
 * TypeORM's messages through the app's logger (pino JSON, LOG_LEVEL, silent in tests) instead of
 * the console. Query parameters are never logged: they carry phone numbers and names.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Every query would drown the request log; slow ones and failures are logged below.
  }

  logQueryError(error: string | Error, query: string): void {
    // Often expected (a unique key the service turns into a 409); the exception filter logs the
    // failures nobody handled.
    const message = typeof error === 'string' ? error : error.message;
    this.logger.debug?.({ sql: shorten(query), error: message }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ sql: shorten(query), ms: time }, 'Slow query');
  }

  /** TypeORM reports migrations run at start through here: a few lines worth keeping at info. */
  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.log(message);
  }
}

export const TYPEORM_SLOW_QUERY_MS = SLOW_QUERY_MS;

function shorten(sql: string): string {
  return sql.length > MAX_SQL_IN_LOG ? `${sql.slice(0, MAX_SQL_IN_LOG)}…` : sql;
}
