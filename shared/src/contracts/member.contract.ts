import type { Gender } from '../enums/gender';
import type { LedgerKind } from '../enums/ledger-kind';
import type { Tier } from '../enums/tier';
import type { AuthTokens } from './auth.contract';
import type { MemberContact } from './greeting.contract';

/** A member as the contract shows them; `phone` is masked for clerks of other stores. */
export interface Member {
  id: string;
  memberNo: string;
  name: string;
  gender: Gender;
  birthday: string | null;
  phone: string | null;
  tier: Tier;
  points: number;
  interests: string[];
  occupation: string | null;
  storeId: string | null;
  clerkId: string | null;
  joinedAt: string;
  referralCode: string;
}

/** The card a member shows in store. `spendToNextTier` is in minor units, 0 at the top tier. */
export interface MemberCard {
  memberNo: string;
  tier: Tier;
  points: number;
  nextTier: Tier | null;
  spendToNextTier: number;
  /** Qualifying spend of the last 12 months, minor units. */
  qualifyingSpend: number;
  /** 0..1 of the way from this tier's threshold to the next. */
  progress: number;
}

/** `GET /me`. */
export interface Me extends Member {
  card: MemberCard;
  consent: { marketing: boolean; updatedAt: string | null };
}

/** `POST /members` → 201: the new member and tokens with the member role. */
export interface JoinResponse extends Member, AuthTokens {}

/** `GET /me/card-code`: a signed code for the in-store QR, valid 60 s. */
export interface CardCode {
  code: string;
  expiresAt: string;
}

/** One entry of the append-only points ledger. */
export interface LedgerEntry {
  id: string;
  delta: number;
  kind: LedgerKind;
  balanceAfter: number;
  createdAt: string;
  expiresAt?: string | null;
  ref?: string | null;
}

/** What a clerk sees after scanning a card or typing a phone. */
export interface MemberSummary {
  id: string;
  memberNo: string;
  name: string;
  tier: Tier;
  points: number;
  phone: string | null;
  storeId: string | null;
  clerkId: string | null;
  birthday: string | null;
  joinedAt: string;
}

/** One purchase in a member's detail; amounts in minor units. */
export interface MemberPurchase {
  id: string;
  storeId: string;
  orderNo: string;
  amount: number;
  refundedAmount: number;
  pointsEarned: number;
  occurredAt: string;
}

/**
 * `GET /members/{id}`: the member with purchases and contact history (the latest 20 of each, newest first;
 * contacts as `GET /members/{id}/contacts` gives them).
 */
export interface MemberDetail extends Member {
  card: MemberCard;
  purchases: MemberPurchase[];
  contacts: MemberContact[];
}
