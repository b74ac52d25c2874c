import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobsRegistry } from '../jobs/jobs.registry';
import { FeedbackPhotosService } from './feedback-photos.service';

/**
 * Registers `feedback-photos`, daily: photos uploaded more than a day ago and never attached to a
 * rating are deleted. No per-period record: each photo goes by a locked delete, so a repeat (or two
 * servers at once) removes nothing twice, and every run answers 200 with what it removed.
 */
@Injectable()
export class FeedbackPhotosJobRegistration implements OnModuleInit {
  /** The UTC day this process last finished a sweep: the scheduler checks every 15 minutes. */
  private sweptDay: string | null = null;

  constructor(
    private readonly registry: JobsRegistry,
    private readonly photos: FeedbackPhotosService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'feedback-photos',
      description: 'Deletes the feedback photos uploaded more than a day ago that no rating uses.',
      schedule: { description: 'daily', isDue: (now) => this.sweptDay !== dayOf(now) },
      run: async (now) => {
        const result = await this.photos.sweepUnattached(now);
        this.sweptDay = dayOf(now);
        return { created: false, result };
      },
    });
  }
}

function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
