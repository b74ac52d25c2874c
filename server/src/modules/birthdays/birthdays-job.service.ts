import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type BirthdaysJobResult,
  birthdayKeysCelebratedOn,
  birthdayOnFileLongEnough,
  zonedDateParts,
  zonedStartOfDay,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { JobOutcome } from '../jobs/job';
import { MarketingCap } from '../greetings/marketing-cap.service';
import { JobsRegistry } from '../jobs/jobs.registry';
import type { OutboxItem } from '../outbox/outbox-item';
import { OutboxService } from '../outbox/outbox.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { retryOnDeadlock } from '../points/transaction-retry';
import { type GiftClaim, BirthdayGiftsRepository, type MonthMember } from './birthday-gifts.repository';
import { BirthdayGiftsService } from './birthday-gifts.service';
import { birthdayGiftNotice, birthdayGreeting } from './birthdays.messages';

/** Members read and paid per transaction. */
const PAGE = 500;
/** The club hour from which the scheduler runs the job (a morning greeting, not a midnight one). */
const FROM_CLUB_HOUR = 9;

/**
 * `birthdays`: each member in their birthday month (club time) gets their tier's gift once per club
 * year, if their birthday has been on file for the managers' guard; each member whose birthday is
 * today (29 February on 28 February in a common year) gets a greeting. The month is read day by day
 * and page by page on the indexed `birth_md`, so a run reads the month's members only. Once: the
 * gift row (unique member and year) is claimed in the transaction that pays it, the points carry the
 * ledger ref `birthday:<year>:<memberId>`, the messages their outbox refs; a second run, or a second
 * server at the same moment, finds them all taken.
 */
@Injectable()
export class BirthdaysJobService implements OnModuleInit {
  private readonly instance = `${hostname().slice(0, 24)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private runs = 0;
  /** The club day this process last finished a run for: the scheduler checks every 15 minutes. */
  private finishedDay: string | null = null;

  constructor(
    private readonly registry: JobsRegistry,
    private readonly dataSource: DataSource,
    private readonly repository: BirthdayGiftsRepository,
    private readonly settings: BirthdayGiftsService,
    private readonly points: PointsLedgerService,
    private readonly outbox: OutboxService,
    private readonly cap: MarketingCap,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'birthdays',
      description:
        "Gives each member in their birthday month their tier's birthday gift once a year, and greets each member on their birthday.",
      schedule: {
        description: `daily, from ${FROM_CLUB_HOUR}:00 club time`,
        isDue: (now) => this.clubHour(now) >= FROM_CLUB_HOUR && this.finishedDay !== this.dayKey(now),
      },
      run: (now) => this.run(now),
    });
  }

  async run(now: Date): Promise<JobOutcome> {
    const timeZone = this.config.club.timezone;
    const { year, month } = zonedDateParts(now, timeZone);
    const { gifts, guardDays } = await this.settings.get();
    const greetToday = new Set(birthdayKeysCelebratedOn(now, timeZone));
    const claim = `${this.instance}:${++this.runs}`;
    const result: BirthdaysJobResult = {
      year,
      month,
      scanned: 0,
      points: 0,
      vouchers: 0,
      outOfStock: 0,
      greeted: 0,
    };
    for (let day = 1; day <= 31; day++) {
      const birthMd = month * 100 + day;
      for (let afterId = '0'; ;) {
        const rows = await this.repository.membersBornOn(birthMd, year, afterId, PAGE);
        if (rows.length === 0) break;
        result.scanned += rows.length;
        const claims = rows.flatMap((m): GiftClaim[] => {
          const gift = gifts[m.tier];
          return !m.gifted && gift && birthdayOnFileLongEnough(m.birthdaySetAt, now, guardDays)
            ? [{ memberId: m.id, gift }]
            : [];
        });
        const greetings = greetToday.has(birthMd) ? rows.map((m) => birthdayGreeting(m.id, year)) : [];
        if (claims.length > 0 || greetings.length > 0) {
          const page = await retryOnDeadlock(() => this.payPage(rows, claims, greetings, year, claim, now));
          result.points += page.points;
          result.vouchers += page.vouchers;
          result.outOfStock += page.outOfStock;
          result.greeted += greetings.length;
        }
        if (rows.length < PAGE) break;
        afterId = rows[rows.length - 1].id;
      }
    }
    this.finishedDay = this.dayKey(now);
    return { created: result.points + result.vouchers + result.outOfStock > 0, result };
  }

  /** One transaction: claim the page's gifts, pay those this run holds, queue the messages. */
  private payPage(
    rows: MonthMember[],
    claims: GiftClaim[],
    greetings: OutboxItem[],
    year: number,
    claim: string,
    now: Date,
  ): Promise<{ points: number; vouchers: number; outOfStock: number }> {
    const balances = new Map(rows.map((m) => [m.id, m.points]));
    return this.dataSource.transaction(async (em) => {
      const counts = { points: 0, vouchers: 0, outOfStock: 0 };
      const mine = await this.repository.claim(em, claims, year, claim, now);
      const notices: OutboxItem[] = [];
      for (const { memberId, gift } of claims) {
        if (!mine.has(memberId)) continue;
        if (gift.kind === 'points') {
          await this.points.credit(em, {
            memberId,
            points: gift.points,
            kind: 'bonus',
            ref: `birthday:${year}:${memberId}`,
            at: now,
          });
          counts.points++;
          notices.push(birthdayGiftNotice(memberId, year, gift));
          continue;
        }
        const redemptionId = await this.repository.giveVoucher(em, {
          memberId,
          rewardId: gift.rewardId,
          year,
          balance: balances.get(memberId) ?? 0,
          now,
        });
        await this.repository.recordVoucher(em, memberId, year, redemptionId);
        if (redemptionId === null) {
          counts.outOfStock++;
        } else {
          counts.vouchers++;
          notices.push(birthdayGiftNotice(memberId, year, gift));
        }
      }
      // The greeting's WeChat/Alipay copy takes the 3-day marketing slot or stays in the inbox; the
      // gift notices are inbox-only service messages.
      const greetingsToSend = await this.cap.gate(em, greetings, now);
      await this.outbox.enqueue(em, [...greetingsToSend, ...notices], now);
      return counts;
    });
  }

  private dayKey(now: Date): string {
    const { year, month, day } = zonedDateParts(now, this.config.club.timezone);
    return `${year}-${month}-${day}`;
  }

  /** Hours since the club day began (a DST day is off by one hour, which a morning start tolerates). */
  private clubHour(now: Date): number {
    const timeZone = this.config.club.timezone;
    return Math.floor(
      (now.getTime() - zonedStartOfDay(zonedDateParts(now, timeZone), timeZone).getTime()) / 3_600_000,
    );
  }
}
