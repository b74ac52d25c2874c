import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { zonedDateParts } from '@vip-club/shared';
import { PeriodicTask } from '../../common/scheduling/periodic-task';
import { AppConfig } from '../../config/app-config';
import { PointsJobsService } from './points-jobs.service';

/**
 * Runs the points jobs on their own: `points-expiry` once each club day, `tier-review` once in each
 * January (club time). Every instance may run it: a period runs once (`job_runs` is unique per job and
 * period), so several servers never double an effect. Off under NODE_ENV=test, where tests run the jobs
 * through `POST /jobs/{name}/runs` at moments they choose.
 */
@Injectable()
export class PointsJobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PointsJobsScheduler.name);
  private readonly task = new PeriodicTask(() => this.runDue(new Date()), {
    everyMs: 15 * 60_000,
    firstAfterMs: 60_000,
  });

  constructor(
    private readonly jobs: PointsJobsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv !== 'test') this.task.start();
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  private async runDue(now: Date): Promise<void> {
    await this.runQuietly('points-expiry', now);
    if (zonedDateParts(now, this.config.club.timezone).month === 1) await this.runQuietly('tier-review', now);
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
