import type { Tier } from '../enums/tier';
import type { RulesDocument } from '../schemas/points.schema';
import type { LedgerEntry } from './member.contract';
import type { Paginated } from './common.contract';

/** A recorded sale, as it was recorded (refunds are answered separately). */
export interface Purchase {
  id: string;
  storeId: string;
  orderNo: string;
  memberId: string;
  amount: number;
  occurredAt: string;
  recordedAt: string;
}

/** `POST /purchases` → 201 (or 200 with the same body when the order was recorded before). */
export interface PurchaseResult {
  purchase: Purchase;
  pointsEarned: number;
  balance: number;
  tier: Tier;
  tierChanged: boolean;
  /** Points of this purchase still pending until then (the club's return window), or null. */
  pendingUntil: string | null;
}

/** `GET /purchases/{id}`, `GET /purchases/lookup`: a purchase with what its refunds have taken so far. */
export interface PurchaseDetail extends Purchase {
  pointsEarned: number;
  refundedAmount: number;
  /** What may still be refunded, minor units. */
  refundableLeft: number;
  pointsReversed: number;
}

/** One refund of a purchase. */
export interface Refund {
  id: string;
  purchaseId: string;
  amount: number;
  reason: string;
  createdAt: string;
}

/** `POST /purchases/{id}/refunds` → 201. */
export interface RefundResult {
  refund: Refund;
  pointsReversed: number;
  balance: number;
  /** What is left to refund on the purchase. */
  refundableLeft: number;
}

/** The member's points at a glance (`GET /me/points`). */
export interface PointsSummary {
  balance: number;
  /** Earned inside the return window: shown, not yet spendable. */
  pending: number;
  spendable: number;
  expiringNext: { points: number; expiresAt: string } | null;
}

/** `GET /me/points`: the ledger, newest first, with the summary. */
export interface PointsPage extends Paginated<LedgerEntry> {
  summary: PointsSummary;
}

/** `GET /rules`, `PUT /rules`: one version of the club's rules; the newest is in force. */
export interface RuleSet {
  id: string;
  rules: RulesDocument;
  createdAt: string;
  createdBy: string | null;
}

/** One tier on the tier page. */
export interface TierInfo {
  tier: Tier;
  /** Qualifying spend from which it applies, minor units. */
  minSpend: number;
  earnRateBp: number;
  benefits: string;
}

/** `GET /tiers`: the public part of the rules, for members. */
export interface TiersPage {
  tiers: TierInfo[];
  birthdayMultiplierBp: number;
  tierWindowMonths: number;
  pointsLifeMonths: number;
  returnWindowDays: number;
}

/** `POST /stores/{id}/api-keys` → 201: the key is shown this once and stored only hashed. */
export interface ApiKeyCreated {
  id: string;
  storeId: string;
  name: string | null;
  key: string;
  createdAt: string;
}

/** One staff action that changed points, stock or rules. */
export interface AuditLogEntry {
  id: string;
  /** `staff:<id>`, `api-key:<id>` or `system`. */
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

/** `POST /jobs/{name}/runs`: what a run did; a second run of the same period changes nothing. */
export interface JobRunResult {
  job: string;
  /** The run's period: the club day (`2026-11-23`) or year (`2026`). */
  period: string;
  ranAt: string;
  /** Counts of what it changed (members touched, points expired, notices sent...). */
  effects: Record<string, number>;
}

/** A notice in the member's inbox (`GET /me/inbox`), newest first. */
export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown> | null;
  createdAt: string;
}
