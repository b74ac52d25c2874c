import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../common/scheduling/periodic-task';
import { AppConfig } from '../../config/app-config';
import { RedemptionsService } from './redemptions.service';

/**
 * Runs `redemptions-expiry` on its own every 15 minutes, so what was never picked up goes back soon
 * after its reward ends. Every instance may run it: each return is a conditional update, so two
 * servers never return one redemption twice. Off under NODE_ENV=test, where tests run the job through
 * `POST /jobs/redemptions-expiry/runs` when they choose.
 */
@Injectable()
export class RedemptionsExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedemptionsExpiryScheduler.name);
  private readonly task = new PeriodicTask(() => this.run(), { everyMs: 15 * 60_000, firstAfterMs: 60_000 });

  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv !== 'test') this.task.start();
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  private async run(): Promise<void> {
    try {
      const result = await this.redemptions.returnExpired();
      if (result.effects.returned > 0) this.logger.log(result, 'job ran');
    } catch (err) {
      this.logger.error({ job: 'redemptions-expiry', err }, 'job failed; the next run tries again');
    }
  }
}
