import { Column, Entity, Index } from 'typeorm';
import { IdColumn, timestampColumn } from '../../../database/columns';

/** One run of a job for one period; (job, period) is unique, so a period's run happens once. */
@Entity({ name: 'job_runs' })
@Index('uq_job_runs_job_period', ['job', 'period'], { unique: true })
export class JobRunEntity {
  @IdColumn('pk_job_runs')
  id!: string;

  @Column({ name: 'job', type: 'varchar', length: 40 })
  job!: string;

  /** The club day (`2026-11-23`) or year (`2026`) the run covers. */
  @Column({ name: 'period', type: 'varchar', length: 16 })
  period!: string;

  @Column(timestampColumn('ran_at'))
  ranAt!: Date;

  @Column({ name: 'effects', type: 'simple-json' })
  effects!: Record<string, number>;
}
