import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobsRegistry } from '../jobs/jobs.registry';
import { RegistrationsService } from './registrations.service';

/**
 * Registers `event-waitlist-release`, run at every scheduler pass so a waitlist is handed back soon
 * after its registration closes. It keeps no per-period record: each release is a conditional
 * update, so a repeat, or two servers at once, never releases one registration twice.
 */
@Injectable()
export class EventRegistrationJobsRegistration implements OnModuleInit {
  constructor(
    private readonly registry: JobsRegistry,
    private readonly registrations: RegistrationsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'event-waitlist-release',
      description:
        'Once registration has closed, cancels every registration still waitlisted, returns its points and tells the member.',
      schedule: { description: 'every 15 minutes' },
      run: async (now) => ({ created: false, result: await this.registrations.releaseWaitlists(now) }),
    });
  }
}
