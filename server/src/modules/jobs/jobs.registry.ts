import { Injectable } from '@nestjs/common';
import { ErrorCode, type JobSummary } from '@vip-club/shared';
import { DomainError } from '../../common/errors/domain-error';
import type { JobDefinition, JobOutcome } from './job';

/** The one list of the club's jobs: feature modules register theirs on init, the jobs routes and scheduler run them. */
@Injectable()
export class JobsRegistry {
  private readonly jobs = new Map<string, JobDefinition>();

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
  }

  list(): JobSummary[] {
    return [...this.jobs.values()]
      .map((job) => ({
        name: job.name,
        description: job.description,
        schedule: job.schedule?.description ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The jobs the scheduler should run at `now`. */
  due(now: Date): JobDefinition[] {
    return [...this.jobs.values()].filter((job) => job.schedule && (job.schedule.isDue?.(now) ?? true));
  }

  run(name: string, now: Date = new Date()): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new DomainError(ErrorCode.NOT_FOUND, `No job named ${name}`);
    return job.run(now);
  }
}
