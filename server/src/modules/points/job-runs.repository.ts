import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../database/unique-violation';
import { JobRunEntity } from './entities/job-run.entity';

const JOB_RUN_KEY = { name: 'uq_job_runs_job_period', table: 'job_runs', columns: ['job', 'period'] };

@Injectable()
export class JobRunsRepository {
  find(em: EntityManager, job: string, period: string): Promise<JobRunEntity | null> {
    return em.getRepository(JobRunEntity).findOneBy({ job, period });
  }

  /** Records the run; when a concurrent run of the same period got there first, returns that one. */
  async record(em: EntityManager, values: Omit<JobRunEntity, 'id'>): Promise<JobRunEntity> {
    try {
      const result = await em.getRepository(JobRunEntity).insert(values);
      return { ...values, id: String(result.identifiers[0].id) };
    } catch (err) {
      if (!isUniqueViolation(err, JOB_RUN_KEY)) throw err;
      return (await this.find(em, values.job, values.period)) as JobRunEntity;
    }
  }
}
