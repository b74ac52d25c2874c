import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RedemptionsService } from './redemptions.service';

const CHECK_EVERY_MS = 15 * 60_000;
const FIRST_CHECK_AFTER_MS = 60_000;

/**
 * Runs `redemptions-expiry` on its own every 15 minutes, so what was never picked up goes back soon
 * after its reward ends. Every instance may run it: each return is a conditional update, so two
 * servers never return one redemption twice. Off under NODE_ENV=test, where tests run the job through
 * `POST /jobs/redemptions-expiry/runs` when they choose.
 */
@Injectable()
export class RedemptionsExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedemptionsExpiryScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    const first = setTimeout(() => {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), CHECK_EVERY_MS);
      this.timer.unref();
    }, FIRST_CHECK_AFTER_MS);
    first.unref();
    this.timer = first;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const result = await this.redemptions.returnExpired();
      if (result.effects.returned > 0) this.logger.log(result, 'job ran');
    } catch (err) {
      this.logger.error({ job: 'redemptions-expiry', err }, 'job failed; the next check tries again');
    } finally {
      this.running = false;
    }
  }
}
