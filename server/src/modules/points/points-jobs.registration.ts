import { Injectable, type OnModuleInit } from '@nestjs/common';
import { zonedDateParts } from '@vip-club/shared';
import { AppConfig } from '../../config/app-config';
import { JobsRegistry } from '../jobs/jobs.registry';
import { PointsJobsService } from './points-jobs.service';

/**
 * Registers the points jobs: `points-expiry` is checked at every scheduler pass and runs once each club
 * day, `tier-review` is checked in January (club time) and runs once each club year — `job_runs` is
 * unique per job and period, so several servers never double an effect.
 */
@Injectable()
export class PointsJobsRegistration implements OnModuleInit {
  constructor(
    private readonly registry: JobsRegistry,
    private readonly jobs: PointsJobsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'points-expiry',
      description: 'Expires earnings past their date and warns members a month before their points expire.',
      schedule: { description: 'once each club day' },
      run: (now) => this.jobs.run('points-expiry', now),
    });
    this.registry.register({
      name: 'tier-review',
      description: "The yearly tier review from each member's spend in the tier window.",
      schedule: {
        description: 'once each club year, in January',
        isDue: (now) => zonedDateParts(now, this.config.club.timezone).month === 1,
      },
      run: (now) => this.jobs.run('tier-review', now),
    });
  }
}
