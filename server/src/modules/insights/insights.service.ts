import { Injectable } from '@nestjs/common';
import {
  type InsightsOverview,
  type InsightsOverviewQuery,
  type InsightsRate,
  TIERS,
} from '@vip-club/shared';
import { AppConfig } from '../../config/app-config';
import { StoresService } from '../stores/stores.service';
import { offsetSegments } from './club-days';
import { InsightsRepository, type InsightsScope } from './insights.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Managers' overview of the club (DESIGN.md, "Insights"): a fixed handful of aggregate statements. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly stores: StoresService,
    private readonly config: AppConfig,
  ) {}

  async overview(query: InsightsOverviewQuery, now = new Date()): Promise<InsightsOverview> {
    if (query.storeId !== undefined) await this.stores.require(query.storeId);
    const since12Months = new Date(now.getTime() - 365 * DAY_MS);
    const scope: InsightsScope = {
      asOf: now,
      storeId: query.storeId,
      since30Days: new Date(now.getTime() - 30 * DAY_MS),
      since12Months,
      since90Days: new Date(now.getTime() - 90 * DAY_MS),
      until30Days: new Date(now.getTime() + 30 * DAY_MS),
      offsets: offsetSegments(since12Months, now, this.config.club.timezone),
    };
    // Separate statements on separate connections: a moment's skew between them is fine for an overview.
    const [tiers, purchases, points, activity] = await Promise.all([
      this.insights.tierFigures(scope),
      this.insights.purchaseFigures(scope),
      this.insights.pointsFigures(scope),
      this.insights.activityFigures(scope),
    ]);
    const byTier = new Map(tiers.map((t) => [t.tier, t]));
    const total = (pick: (t: (typeof tiers)[number]) => number) => tiers.reduce((sum, t) => sum + pick(t), 0);
    return {
      asOf: now.toISOString(),
      storeId: query.storeId ?? null,
      members: {
        total: total((t) => t.members),
        active: total((t) => t.active),
        joinedLast30Days: total((t) => t.joined),
        withMarketingConsent: total((t) => t.consenting),
      },
      repeatPurchase: rate(
        total((t) => t.repeatBuyers),
        total((t) => t.buyers),
      ),
      tierMix: TIERS.map((tier) => ({ tier, members: byTier.get(tier)?.members ?? 0 })),
      netSpendLast30Days: purchases.netSpend,
      points: {
        outstanding: total((t) => t.outstanding),
        issuedLast30Days: points.issued,
        redeemedLast30Days: points.redeemed,
        expiringNext30Days: points.expiring,
      },
      events: {
        upcoming: activity.upcomingEvents,
        registrationsLast30Days: activity.registrations,
        checkIn: rate(activity.checkedInSeats, activity.confirmedSeats),
      },
      referrals: {
        joinedLast30Days: activity.referralsJoined,
        rewardedLast30Days: activity.referralsRewarded,
      },
      followUps: {
        open: activity.followUpsOpen,
        overdue: activity.followUpsOverdue,
        escalated: activity.followUpsEscalated,
        resolvedInTime: rate(activity.followUpsResolvedInTime, activity.followUpsResolved),
        averageRatingLast30Days:
          activity.ratings === 0 ? null : Math.round((activity.ratingSum / activity.ratings) * 10) / 10,
        ratingsLast30Days: activity.ratings,
      },
    };
  }
}

function rate(count: number, of: number): InsightsRate {
  return { of, count, rate: of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000 };
}
