import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  isHigherTier,
  type JobRunResult,
  type PointsJobName,
  POINTS_JOB_NAMES,
  type Tier,
  tierAtReview,
  zonedDateParts,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { ClubRulesService } from './club-rules.service';
import type { JobRunEntity } from './entities/job-run.entity';
import { JobRunsRepository } from './job-runs.repository';
import { MemberStandingRepository } from './member-standing.repository';
import { type NewNotice, NoticesRepository } from './notices.repository';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';
import { PurchasesRepository } from './purchases.repository';
import { retryOnDeadlock } from './transaction-retry';

const BATCH = 500;

/** How long before their expiry members are told about expiring points. */
const EXPIRY_NOTICE_MONTHS = 1;

const TIER_NAMES: Record<Tier, string> = { friend: '好友', silver: '银卡', gold: '金卡', diamond: '钻石' };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * The points economy's scheduled jobs, runnable now by a manager. Each run covers a period (the club
 * day for expiry, the club year for the tier review) and happens once per period: a second run answers
 * with the first run's figures. Within a run every effect also has its own unique key, so a run cut
 * short and started again never applies anything twice.
 */
@Injectable()
export class PointsJobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly lots: PointsLedgerRepository,
    private readonly standing: MemberStandingRepository,
    private readonly purchases: PurchasesRepository,
    private readonly notices: NoticesRepository,
    private readonly runs: JobRunsRepository,
    private readonly rules: ClubRulesService,
  ) {}

  isPointsJob(name: string): name is PointsJobName {
    return (POINTS_JOB_NAMES as readonly string[]).includes(name);
  }

  /** Runs the job for the current period; `created` is false when that period had already run. */
  async run(name: string, now: Date = new Date()): Promise<{ created: boolean; result: JobRunResult }> {
    if (!this.isPointsJob(name)) throw new DomainError(ErrorCode.NOT_FOUND, `No job named ${name}`);
    const { timeZone } = await this.rules.active();
    const today = zonedDateParts(now, timeZone);
    const period =
      name === 'tier-review' ? String(today.year) : `${today.year}-${pad(today.month)}-${pad(today.day)}`;
    const done = await this.runs.find(this.dataSource.manager, name, period);
    if (done) return { created: false, result: toJobRunResult(done) };
    const effects =
      name === 'points-expiry' ? await this.expirePoints(now, period) : await this.reviewTiers(now, period);
    const recorded = await this.runs.record(this.dataSource.manager, {
      job: name,
      period,
      ranAt: now,
      effects,
    });
    return { created: recorded.ranAt.getTime() === now.getTime(), result: toJobRunResult(recorded) };
  }

  /**
   * Removes what is left of expired earnings: one `expire` entry per member per day
   * (`expire:<memberId>:<day>`), never taking the balance below zero on that account; then warns the
   * members whose points expire within the coming month (one notice per member and expiry date).
   */
  private async expirePoints(now: Date, day: string): Promise<Record<string, number>> {
    let members = 0;
    let pointsExpired = 0;
    for (let after = '0'; ;) {
      const batch = await this.lots.membersWithExpiredLots(this.dataSource.manager, now, after, BATCH);
      for (const memberId of batch) {
        const expired = await retryOnDeadlock(() =>
          this.dataSource.transaction(async (em) => {
            const member = await this.standing.lock(em, memberId);
            if (!member) return 0;
            const ref = `expire:${memberId}:${day}`;
            if (await this.lots.findEntry(em, 'expire', ref)) return 0;
            const points = Math.min(
              await this.lots.expiredPoints(em, memberId, now),
              Math.max(0, member.points),
            );
            if (points > 0) {
              await this.ledger.debit(em, {
                memberId,
                points,
                kind: 'expire',
                ref,
                at: now,
                allowNegative: true,
              });
            }
            await this.lots.clearExpiredLots(em, memberId, now);
            return points;
          }),
        );
        if (expired > 0) {
          members += 1;
          pointsExpired += expired;
        }
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1];
    }

    const { timeZone } = await this.rules.active();
    const soon = await this.lots.expiringBetween(
      this.dataSource.manager,
      now,
      monthsBefore(now, -EXPIRY_NOTICE_MONTHS),
    );
    const notices: NewNotice[] = soon.map((s) => {
      const date = zonedDateParts(s.expiresAt, timeZone);
      const dateText = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
      return {
        memberId: s.memberId,
        kind: 'points_expiring',
        title: '积分即将到期',
        body: `您有 ${s.points} 积分将于 ${dateText} 到期，记得尽快使用。`,
        data: { points: s.points, expiresAt: s.expiresAt.toISOString() },
        ref: `points-expiring:${s.memberId}:${s.expiresAt.toISOString()}`,
        createdAt: now,
      };
    });
    const alreadySent = await this.notices.countByRefs(
      this.dataSource.manager,
      notices.map((n) => n.ref),
    );
    for (let i = 0; i < notices.length; i += BATCH) {
      await this.notices.insertNew(this.dataSource.manager, notices.slice(i, i + BATCH));
    }
    return { members, pointsExpired, noticesSent: notices.length - alreadySent };
  }

  /**
   * The yearly review: each member's tier from the spend (net of refunds) of the tier window, at most
   * one tier below the tier held; the cached qualifying spend is refreshed; a member whose tier changes
   * gets a notice (`tier-review:<memberId>:<year>`).
   */
  private async reviewTiers(now: Date, year: string): Promise<Record<string, number>> {
    const { rules } = await this.rules.active();
    const from = monthsBefore(now, rules.tierWindowMonths);
    let reviewed = 0;
    let downgraded = 0;
    let upgraded = 0;
    for (let after = '0'; ;) {
      const batch = await this.standing.liveMembersAfter(this.dataSource.manager, after, BATCH);
      const spends = await this.purchases.netSpendByMember(
        this.dataSource.manager,
        batch.map((m) => m.id),
        from,
        now,
      );
      for (const member of batch) {
        reviewed += 1;
        const spend = Math.max(0, spends.get(member.id) ?? 0);
        const tier = tierAtReview(member.tier, spend, rules);
        if (tier === member.tier && spend === member.qualifyingSpend) continue;
        await retryOnDeadlock(() =>
          this.dataSource.transaction(async (em) => {
            const current = await this.standing.lock(em, member.id);
            if (!current) return;
            const next = tierAtReview(current.tier, spend, rules);
            await this.standing.setStanding(em, member.id, { tier: next, qualifyingSpend: spend });
            if (next === current.tier) return;
            const down = isHigherTier(current.tier, next);
            if (down) downgraded += 1;
            else upgraded += 1;
            await this.notices.insertNew(em, [
              {
                memberId: member.id,
                kind: 'tier_changed',
                title: down ? '会员等级调整' : '会员等级提升',
                body: `年度评级：您的会员等级由${TIER_NAMES[current.tier]}调整为${TIER_NAMES[next]}。`,
                data: { from: current.tier, to: next, qualifyingSpend: spend },
                ref: `tier-review:${member.id}:${year}`,
                createdAt: now,
              },
            ]);
          }),
        );
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
    }
    return { reviewed, downgraded, upgraded };
  }
}

function toJobRunResult(row: JobRunEntity): JobRunResult {
  return { job: row.job, period: row.period, ranAt: row.ranAt.toISOString(), effects: row.effects };
}
