import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { zonedDateParts } from '@vip-club/shared';
import { AppConfig } from '../../config/app-config';
import { PointsJobsService } from './points-jobs.service';

/** How often the scheduler looks whether a period's run is due. */
const CHECK_EVERY_MS = 15 * 60_000;
const FIRST_CHECK_AFTER_MS = 60_000;

/**
 * Runs the points jobs on their own: `points-expiry` once each club day, `tier-review` once in each
 * January (club time). Every instance may run it: a period runs once (`job_runs` is unique per job and
 * period), so several servers never double an effect. Off under NODE_ENV=test, where tests run the jobs
 * through `POST /jobs/{name}/runs` at moments they choose.
 */
@Injectable()
export class PointsJobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PointsJobsScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly jobs: PointsJobsService,
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
      const now = new Date();
      await this.runQuietly('points-expiry', now);
      if (zonedDateParts(now, this.config.club.timezone).month === 1)
        await this.runQuietly('tier-review', now);
    } finally {
      this.running = false;
    }
  }

  private async runQuietly(name: string, now: Date): Promise<void> {
    try {
      const { created, result } = await this.jobs.run(name, now);
      if (created) this.logger.log({ job: name, period: result.period, effects: result.effects }, 'job ran');
    } catch (err) {
      this.logger.error({ job: name, err }, 'job failed; the next check tries again');
    }
  }
}
