import { Injectable, type OnModuleInit } from '@nestjs/common';
import { zonedDateParts, zonedStartOfDay } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { JobOutcome } from '../jobs/job';
import { JobsRegistry } from '../jobs/jobs.registry';
import { OutboxService } from '../outbox/outbox.service';
import { EventRemindersRepository } from './event-reminders.repository';
import { reminderMessage } from './invitations.messages';

/** Registrations reminded per transaction. */
const PAGE = 1000;
/** The club hour from which the scheduler runs the reminders (a morning message, not a midnight one). */
const FROM_CLUB_HOUR = 10;

/**
 * `event-reminders`: each confirmed registration of an event starting tomorrow (club time) gets one
 * `event_reminder` message. The outbox ref `event-reminder:<registrationId>` makes every later run —
 * the scheduler's next passes, a manager's manual run, a second server — a no-op for it, while a
 * registration made later the same day is still reminded by the next pass.
 */
@Injectable()
export class EventRemindersService implements OnModuleInit {
  constructor(
    private readonly registry: JobsRegistry,
    private readonly dataSource: DataSource,
    private readonly reminders: EventRemindersRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'event-reminders',
      description:
        'Reminds every confirmed registration of an event starting tomorrow (club time), once each.',
      schedule: {
        description: `daily, from ${FROM_CLUB_HOUR}:00 club time`,
        isDue: (now) => this.clubHour(now) >= FROM_CLUB_HOUR,
      },
      run: (now) => this.run(now),
    });
  }

  async run(now: Date): Promise<JobOutcome> {
    const timeZone = this.config.club.timezone;
    const today = zonedDateParts(now, timeZone);
    const dayAfter = (days: number) => {
      const d = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
      return zonedStartOfDay(
        { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
        timeZone,
      );
    };
    const from = dayAfter(1);
    const to = dayAfter(2);
    let afterId: string | null = null;
    let reminded = 0;
    for (;;) {
      const cursor: string | null = afterId;
      const page = await this.dataSource.transaction(async (em) => {
        const rows = await this.reminders.confirmedStarting(em, from, to, cursor, PAGE);
        await this.outbox.enqueue(
          em,
          rows.map((r) => reminderMessage(r.event, { id: r.registrationId, memberId: r.memberId }, timeZone)),
          now,
        );
        const fresh = await this.reminders.markReminded(
          em,
          rows.map((r) => r.registrationId),
          now,
        );
        return { rows, fresh };
      });
      reminded += page.fresh;
      if (page.rows.length < PAGE) break;
      afterId = page.rows[page.rows.length - 1].registrationId;
    }
    return {
      created: reminded > 0,
      result: { reminded, startsFrom: from.toISOString(), startsBefore: to.toISOString() },
    };
  }

  private clubHour(now: Date): number {
    const hour = new Intl.DateTimeFormat('en-US', {
      timeZone: this.config.club.timezone,
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(now);
    return Number(hour) % 24;
  }
}
