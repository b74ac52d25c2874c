import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** A real round trip to the database, bounded so a hung server answers "down" instead of hanging the probe. */
  async isDatabaseUp(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return true;
    } catch (err) {
      this.logger.warn({ err }, 'Health check: the database is down');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
