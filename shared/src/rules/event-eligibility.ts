import type { EventMemberState } from '../contracts/events.contract';
import type { AgeBand } from '../enums/event';
import type { Gender } from '../enums/gender';
import type { Tier } from '../enums/tier';
import { ageOn, type Birthday } from './birthday';

/** What the eligibility rule reads of a member. */
export interface EventAudienceMember {
  id: string;
  tier: Tier;
  gender: Gender;
  /** Null when the member never gave one; without a year the member is in no age band. */
  birthday: Birthday | null;
  interests: readonly string[];
  storeId: string | null;
}

/** What the rule reads of an event's eligibility (every criterion optional; empty means "anyone"). */
export interface EventAudienceRule {
  tiers?: readonly Tier[];
  genders?: readonly Gender[];
  ageBands?: readonly AgeBand[];
  interests?: readonly string[];
  storeIds?: readonly string[];
  memberIds?: readonly string[];
}

/** The age band of a whole-years age (see `AGE_BANDS`). */
export function ageBandOf(age: number): AgeBand {
  if (age < 25) return 'under_25';
  if (age < 30) return '25_29';
  if (age < 35) return '30_34';
  if (age < 40) return '35_39';
  if (age < 50) return '40_49';
  return '50_plus';
}

/** Inclusive whole-year ages an age band covers (`max` null: no upper end). */
export function ageBandRange(band: AgeBand): { min: number; max: number | null } {
  switch (band) {
    case 'under_25':
      return { min: 0, max: 24 };
    case '25_29':
      return { min: 25, max: 29 };
    case '30_34':
      return { min: 30, max: 34 };
    case '35_39':
      return { min: 35, max: 39 };
    case '40_49':
      return { min: 40, max: 49 };
    case '50_plus':
      return { min: 50, max: null };
  }
}

const narrows = <T>(values: readonly T[] | undefined): values is readonly T[] =>
  values !== undefined && values.length > 0;

/** Interests match without regard to case or surrounding spaces ("Tea" and "tea " are one interest). */
export function normaliseInterest(interest: string): string {
  return interest.trim().toLowerCase();
}

/**
 * Whether an event invites `member` at `now`: hand-picked members always; otherwise every criterion
 * given must match (any value within it). Ages are whole years on `now` in the club's time zone, so a
 * member moves into the next band on their birthday; without a birth year no age band matches.
 */
export function isEligibleForEvent(
  member: EventAudienceMember,
  rule: EventAudienceRule,
  now: Date,
  timeZone: string,
): boolean {
  if (rule.memberIds?.includes(member.id)) return true;
  // A hand-picked list with no other criterion invites only those members, not everyone.
  if (narrows(rule.memberIds) && invitesEveryone({ ...rule, memberIds: [] })) return false;
  if (narrows(rule.tiers) && !rule.tiers.includes(member.tier)) return false;
  if (narrows(rule.genders) && !rule.genders.includes(member.gender)) return false;
  if (narrows(rule.storeIds) && (member.storeId === null || !rule.storeIds.includes(member.storeId)))
    return false;
  if (narrows(rule.ageBands)) {
    const age = member.birthday ? ageOn(member.birthday, now, timeZone) : null;
    if (age === null || !rule.ageBands.includes(ageBandOf(age))) return false;
  }
  if (narrows(rule.interests)) {
    const wanted = new Set(rule.interests.map(normaliseInterest));
    if (!member.interests.some((interest) => wanted.has(normaliseInterest(interest)))) return false;
  }
  return true;
}

/** True when the rule has no criterion at all: every member is invited. */
export function invitesEveryone(rule: EventAudienceRule): boolean {
  return (
    !narrows(rule.tiers) &&
    !narrows(rule.genders) &&
    !narrows(rule.ageBands) &&
    !narrows(rule.interests) &&
    !narrows(rule.storeIds) &&
    !narrows(rule.memberIds)
  );
}

/** The registration window as the rule reads it. */
export interface RegistrationWindowRule {
  opensAt: Date;
  closesAt: Date;
  priorityTiers?: readonly Tier[];
  priorityOpensAt?: Date | null;
}

/** Where the window stands for a member of `tier`: before it, open early for their tier, open, or after it. */
export type RegistrationPhase = 'not_yet' | 'priority' | 'open' | 'closed';

/**
 * The registration phase for a member of `tier` at `now`. Windows are `[opensAt, closesAt)`: the
 * second a window opens, registering is allowed; the second it closes, it is not. Priority tiers may
 * register from `priorityOpensAt`.
 */
export function registrationPhase(window: RegistrationWindowRule, tier: Tier, now: Date): RegistrationPhase {
  const t = now.getTime();
  if (t >= window.closesAt.getTime()) return 'closed';
  if (t >= window.opensAt.getTime()) return 'open';
  if (isPriorityTier(window, tier) && window.priorityOpensAt && t >= window.priorityOpensAt.getTime()) {
    return 'priority';
  }
  return 'not_yet';
}

/** True when the window gives `tier` an earlier start. */
export function isPriorityTier(
  window: Pick<RegistrationWindowRule, 'priorityTiers' | 'priorityOpensAt'>,
  tier: Tier,
): boolean {
  return Boolean(window.priorityOpensAt) && (window.priorityTiers ?? []).includes(tier);
}

/** Seats a registration holds: the member and each guest. */
export function seatsFor(guests: number): number {
  return 1 + guests;
}

/** What the mini-program shows for one member: the window's phase, plus seats and the event's own life. */
export function eventMemberState(input: {
  status: 'draft' | 'published' | 'cancelled';
  endsAt: Date;
  window: RegistrationWindowRule;
  tier: Tier;
  seatsLeft: number;
  now: Date;
}): EventMemberState {
  if (input.status === 'cancelled') return 'cancelled';
  if (input.now.getTime() >= input.endsAt.getTime()) return 'ended';
  const phase = registrationPhase(input.window, input.tier, input.now);
  if (phase === 'not_yet') return 'upcoming';
  if (phase === 'closed') return 'closed';
  if (input.seatsLeft <= 0) return 'full';
  return phase;
}

/** Whether a cancelling member gets the points back: only while registration is still open. */
export function refundsPointsOnCancel(window: Pick<RegistrationWindowRule, 'closesAt'>, now: Date): boolean {
  return now.getTime() < window.closesAt.getTime();
}
