import {
  DEFAULT_CLUB_RULES,
  type ClubRules,
  type LedgerEntry,
  type Me,
  type Member,
  type MemberCard,
  type MemberSummary,
  nextTierProgress,
  formatBirthday,
} from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import type { MemberEntity } from './entities/member.entity';
import type { PointsLedgerEntryEntity } from './entities/points-ledger-entry.entity';

/** What an erased member's name becomes; the ledger and totals stay for the books. */
export const ERASED_NAME = '已注销';

/**
 * Phone numbers are shown whole to the member, to managers and to clerks of the member's own
 * store; a clerk of another store (who may serve a visiting member) sees `138****5678`.
 */
export function canSeeFullPhone(
  member: Pick<MemberEntity, 'storeId' | 'clerkId'>,
  viewer: AuthUser,
): boolean {
  // Her own clerk calls her (a call-back request, a birthday), wherever her home store is.
  if (viewer.role === 'clerk') {
    return (member.storeId !== null && member.storeId === viewer.storeId) || member.clerkId === viewer.sub;
  }
  return true;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function birthdayOf(
  member: Pick<MemberEntity, 'birthYear' | 'birthMonth' | 'birthDay'>,
): string | null {
  if (member.birthMonth === null || member.birthDay === null) return null;
  return formatBirthday({
    month: member.birthMonth,
    day: member.birthDay,
    ...(member.birthYear === null ? {} : { year: member.birthYear }),
  });
}

function phoneFor(member: MemberEntity, viewer: AuthUser | null): string | null {
  if (member.phone === null) return null;
  return viewer === null || canSeeFullPhone(member, viewer) ? member.phone : maskPhone(member.phone);
}

/** `viewer` null: the member themself. */
export function toMember(member: MemberEntity, viewer: AuthUser | null = null): Member {
  return {
    id: member.id,
    memberNo: member.memberNo,
    name: member.name,
    gender: member.gender,
    birthday: birthdayOf(member),
    phone: phoneFor(member, viewer),
    tier: member.tier,
    points: member.points,
    interests: member.interests,
    occupation: member.occupation,
    storeId: member.storeId,
    clerkId: member.clerkId,
    joinedAt: member.joinedAt.toISOString(),
    referralCode: member.referralCode,
  };
}

/**
 * The card shows the tier the member holds (kept until the yearly review even if spend fell) and
 * how far the spend of the tier window is from the tier above it.
 */
export function toCard(member: MemberEntity, rules: ClubRules = DEFAULT_CLUB_RULES): MemberCard {
  const progress = nextTierProgress(member.qualifyingSpend, rules, member.tier);
  return {
    memberNo: member.memberNo,
    tier: progress.tier,
    points: member.points,
    nextTier: progress.nextTier,
    spendToNextTier: progress.spendToNextTier,
    qualifyingSpend: member.qualifyingSpend,
    progress: progress.progress,
  };
}

export function toMe(member: MemberEntity): Me {
  return {
    ...toMember(member),
    card: toCard(member),
    consent: {
      marketing: member.consentMarketing,
      updatedAt: member.consentMarketingAt === null ? null : member.consentMarketingAt.toISOString(),
    },
  };
}

export function toMemberSummary(member: MemberEntity, viewer: AuthUser): MemberSummary {
  return {
    id: member.id,
    memberNo: member.memberNo,
    name: member.name,
    tier: member.tier,
    points: member.points,
    phone: phoneFor(member, viewer),
    storeId: member.storeId,
    clerkId: member.clerkId,
    birthday: birthdayOf(member),
    joinedAt: member.joinedAt.toISOString(),
  };
}

export function toLedgerEntry(entry: PointsLedgerEntryEntity): LedgerEntry {
  return {
    id: entry.id,
    delta: entry.delta,
    kind: entry.kind,
    balanceAfter: entry.balanceAfter,
    createdAt: entry.createdAt.toISOString(),
    expiresAt: entry.expiresAt === null ? null : entry.expiresAt.toISOString(),
    ref: entry.ref,
  };
}
