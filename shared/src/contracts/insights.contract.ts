import type { Tier } from '../enums/tier';

/** A share with the counts it is made of, so a screen can say "412 of 1,030" beside "40%". */
export interface InsightsRate {
  /** the whole the rate is taken of */
  of: number;
  /** how many of them */
  count: number;
  /** count / of, 0 to 1, rounded to 4 places; 0 when `of` is 0 */
  rate: number;
}

/**
 * GET /insights/overview[?storeId=] (manager): how the club is doing, as of now. "Members" are
 * members not erased; with `storeId`, only members whose home store it is (and that store's events
 * and follow-ups). Periods end now: "last 30 days" is the 30×24 hours before `asOf`; "12 months"
 * the 365 days before it.
 */
export interface InsightsOverview {
  asOf: string;
  storeId: string | null;
  members: {
    total: number;
    /** came in within 12 months: a purchase, a gift picked up, or an event check-in */
    active: number;
    joinedLast30Days: number;
    withMarketingConsent: number;
  };
  /** of the members who bought within 12 months, those who bought on two or more days (a purchase refunded in full is not counted) */
  repeatPurchase: InsightsRate;
  /** every tier, in tier order, with its members (zero included) */
  tierMix: Array<{ tier: Tier; members: number }>;
  /** minor units: purchases less refunds, last 30 days */
  netSpendLast30Days: number;
  points: {
    /** what members hold: the sum of their positive balances */
    outstanding: number;
    issuedLast30Days: number;
    /** spent on gifts, net of returned redemptions, last 30 days (a positive number) */
    redeemedLast30Days: number;
    /** that will lapse within 30 days unless spent */
    expiringNext30Days: number;
  };
  events: {
    /** published, not cancelled, starting after now */
    upcoming: number;
    registrationsLast30Days: number;
    /** of the confirmed seats of events that started within the last 90 days, those checked in */
    checkIn: InsightsRate;
  };
  referrals: {
    /** members who joined through a referral within 30 days */
    joinedLast30Days: number;
    /** referrals whose rewards were paid within 30 days */
    rewardedLast30Days: number;
  };
  followUps: {
    open: number;
    /** open and past a deadline */
    overdue: number;
    /** open and escalated to a manager */
    escalated: number;
    /** of the follow-ups resolved within 30 days, those resolved by their deadline */
    resolvedInTime: InsightsRate;
    /** the mean rating (1 to 5, one decimal) of feedback within 30 days; null with none */
    averageRatingLast30Days: number | null;
    ratingsLast30Days: number;
  };
}
