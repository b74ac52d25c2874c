import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../common/scheduling/periodic-task';
import { AppConfig } from '../../config/app-config';
import { JobsRegistry } from './jobs.registry';

/**
 * Every 15 minutes runs the registered jobs that are due, one after another; a failing job is logged
 * and tried again at the next check without stopping the others. Every instance may run it, since each
 * job is idempotent on its own. Off under NODE_ENV=test, where tests run jobs through
 * `POST /jobs/{name}/runs` at moments they choose.
 */
@Injectable()
export class JobsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsScheduler.name);
  private readonly task = new PeriodicTask(() => this.runDue(new Date()), {
    everyMs: 15 * 60_000,
    firstAfterMs: 60_000,
  });

  constructor(
    private readonly registry: JobsRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv !== 'test') this.task.start();
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  async runDue(now: Date): Promise<void> {
    for (const job of this.registry.due(now)) {
      try {
        const { created, result } = await job.run(now);
        if (created) this.logger.log({ job: job.name, result }, 'job ran');
      } catch (err) {
        this.logger.error({ job: job.name, err }, 'job failed; the next check tries again');
      }
    }
  }
}
