import { birthdayInYear } from './birthday';
import { zonedDateParts, type ZonedDate } from './zoned-time';

/** Why a clerk should reach a member today, in the order the worklist shows them. */
export const WORKLIST_REASONS = [
  'call_me',
  'follow_up',
  'birthday',
  'anniversary',
  'welcome',
  'cleaning',
  'dormant',
] as const;
export type WorklistReason = (typeof WORKLIST_REASONS)[number];

/** A birthday counts from this many days ahead (today included). */
export const WORKLIST_BIRTHDAY_LEAD_DAYS = 7;
/** A new member is welcomed within this many days of joining, until first contacted. */
export const WORKLIST_WELCOME_DAYS = 7;
/** The free cleaning and check falls due this many days after a purchase, and stays due for a week. */
export const WORKLIST_CLEANING_FROM_DAYS = 180;
export const WORKLIST_CLEANING_TO_DAYS = 186;
/** No purchase and no contact for this many days: dormant, to win back. */
export const WORKLIST_DORMANT_DAYS = 90;
/**
 * An unanswered "please call me" stays on the list for this many club days, the day it was sent
 * being day 0; after that it lapses (a new request puts the member back). See DESIGN.md.
 */
export const WORKLIST_CALL_ME_DAYS = 30;

/** What the server knows of one member, gathered in bulk; the rule decides from these alone. */
export interface WorklistFacts {
  birthday: { month: number; day: number } | null;
  joinedAt: Date;
  lastPurchaseAt: Date | null;
  lastContactAt: Date | null;
  /** Purchases around the cleaning window (a superset is fine: the rule checks each). */
  purchasesNearCleaning: Date[];
  hasOpenFollowUp: boolean;
  /**
   * The member's latest "please call me" (`call_me`) inbox reply, or null when they sent none (the
   * server may leave out requests older than `WORKLIST_CALL_ME_DAYS`: they no longer count).
   */
  lastCallMeAt: Date | null;
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date, valid for any year (Date.UTC maps years 0–99 to the 1900s). */
function dayNumber(date: ZonedDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return Math.round(utc.getTime() / DAY);
}

/** Whole club-calendar days from `earlier` to `later` (0 on the same club date). */
export function clubDaysBetween(earlier: Date, later: Date, timeZone: string): number {
  return dayNumber(zonedDateParts(later, timeZone)) - dayNumber(zonedDateParts(earlier, timeZone));
}

/** Days until the birthday is next celebrated (0 today); a 29 February birthday is kept on 28 February in other years. */
export function daysUntilBirthday(
  birthday: { month: number; day: number },
  now: Date,
  timeZone: string,
): number {
  const today = zonedDateParts(now, timeZone);
  const todayNumber = dayNumber(today);
  const thisYear = dayNumber(birthdayInYear(birthday, today.year));
  if (thisYear >= todayNumber) return thisYear - todayNumber;
  return dayNumber(birthdayInYear(birthday, today.year + 1)) - todayNumber;
}

/** True when today (club time) is a whole-year anniversary of joining; a 29 February join is kept on 28 February. */
export function isMembershipAnniversary(joinedAt: Date, now: Date, timeZone: string): boolean {
  const joined = zonedDateParts(joinedAt, timeZone);
  const today = zonedDateParts(now, timeZone);
  if (today.year <= joined.year) return false;
  const kept = birthdayInYear({ month: joined.month, day: joined.day }, today.year);
  return kept.month === today.month && kept.day === today.day;
}

/** The reasons to reach a member today, in `WORKLIST_REASONS` order; empty when there is none. */
export function worklistReasons(facts: WorklistFacts, now: Date, timeZone: string): WorklistReason[] {
  const since = (at: Date) => clubDaysBetween(at, now, timeZone);
  const found = new Set<WorklistReason>();
  // Answered by any contact made after the request (a contact at the same instant came before it).
  if (
    facts.lastCallMeAt !== null &&
    since(facts.lastCallMeAt) < WORKLIST_CALL_ME_DAYS &&
    (facts.lastContactAt === null || facts.lastContactAt.getTime() <= facts.lastCallMeAt.getTime())
  ) {
    found.add('call_me');
  }
  if (facts.hasOpenFollowUp) found.add('follow_up');
  if (facts.birthday && daysUntilBirthday(facts.birthday, now, timeZone) <= WORKLIST_BIRTHDAY_LEAD_DAYS) {
    found.add('birthday');
  }
  if (isMembershipAnniversary(facts.joinedAt, now, timeZone)) found.add('anniversary');
  const joinedDaysAgo = since(facts.joinedAt);
  if (joinedDaysAgo >= 0 && joinedDaysAgo < WORKLIST_WELCOME_DAYS && facts.lastContactAt === null) {
    found.add('welcome');
  }
  if (
    facts.purchasesNearCleaning.some((at) => {
      const days = since(at);
      return days >= WORKLIST_CLEANING_FROM_DAYS && days <= WORKLIST_CLEANING_TO_DAYS;
    })
  ) {
    found.add('cleaning');
  }
  const quietSince = (at: Date | null) => at === null || since(at) >= WORKLIST_DORMANT_DAYS;
  if (
    joinedDaysAgo >= WORKLIST_DORMANT_DAYS &&
    quietSince(facts.lastPurchaseAt) &&
    quietSince(facts.lastContactAt)
  ) {
    found.add('dormant');
  }
  return WORKLIST_REASONS.filter((reason) => found.has(reason));
}
