import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { JobOutcome } from '../jobs/job';
import { JobsRegistry } from '../jobs/jobs.registry';
import { FollowUpsRepository } from './follow-ups.repository';

/** Follow-ups looked at per query. */
const PAGE = 500;

/**
 * `follow-up-escalation`: every open follow-up past its first-response deadline unanswered, or past
 * its resolution deadline, goes to the managers once: `escalated_at` is set by a conditional update,
 * so a second run or a second server escalates nothing twice. Managers find them at
 * `GET /staff/follow-ups?escalated=true` (there is no staff inbox).
 */
@Injectable()
export class FollowUpEscalationService implements OnModuleInit {
  private readonly logger = new Logger('FollowUpEscalation');

  constructor(
    private readonly registry: JobsRegistry,
    private readonly followUps: FollowUpsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'follow-up-escalation',
      description:
        'Hands to the managers, once each, the open follow-ups past their first-response or resolution deadline.',
      // Deadlines are 15 working minutes: escalating at every scheduler pass keeps the lag small.
      schedule: { description: 'at every scheduler pass' },
      run: (now) => this.run(now),
    });
  }

  async run(now: Date): Promise<JobOutcome> {
    let afterId: string | null = null;
    let escalated = 0;
    const ids: string[] = [];
    for (;;) {
      const rows = await this.followUps.overdue(now, afterId, PAGE);
      for (const row of rows) {
        if (await this.followUps.escalate(row.id, row.reason, now)) {
          escalated++;
          ids.push(row.id);
          this.logger.warn(`Follow-up ${row.id} escalated to the managers (${row.reason} deadline passed)`);
        }
      }
      if (rows.length < PAGE) break;
      afterId = rows[rows.length - 1].id;
    }
    return { created: escalated > 0, result: { escalated, followUpIds: ids.slice(0, 100) } };
  }
}
