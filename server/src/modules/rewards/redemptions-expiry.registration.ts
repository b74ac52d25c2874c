import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobsRegistry } from '../jobs/jobs.registry';
import { RedemptionsService } from './redemptions.service';

/**
 * Registers `redemptions-expiry`, run at every scheduler pass (every 15 minutes) so what was never
 * picked up goes back soon after its reward ends. It keeps no per-period record: each return is a
 * conditional update, so a repeat — or two servers at once — never returns one redemption twice, and
 * every run answers 200 with what it returned.
 */
@Injectable()
export class RedemptionsExpiryRegistration implements OnModuleInit {
  constructor(
    private readonly registry: JobsRegistry,
    private readonly redemptions: RedemptionsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'redemptions-expiry',
      description:
        'Returns every redemption still awaiting pickup whose reward has ended: points, stock and limit come back.',
      schedule: { description: 'every 15 minutes' },
      run: async (now) => ({ created: false, result: await this.redemptions.returnExpired(now) }),
    });
  }
}
