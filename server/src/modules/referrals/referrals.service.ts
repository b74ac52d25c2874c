import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addMonths,
  ErrorCode,
  maskReferredName,
  type ReferralRefusal,
  type ReferralSummary,
  referralPurchaseOutcome,
  zonedDateParts,
  zonedStartOfDay,
} from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import type { MemberErasing, MemberJoined } from '../members/member-hooks';
import { MembersService } from '../members/members.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { ClubRulesService } from '../points/club-rules.service';
import type { BuyerBalance, PurchaseRecorded, PurchaseRefunded } from '../points/purchase-hooks';
import type { OutboxItem } from '../outbox/outbox-item';
import { OutboxService } from '../outbox/outbox.service';
import { referralReversedNotice } from './referrals.messages';
import { ReferralsRepository } from './referrals.repository';

/** How many referrals `GET /me/referral` lists, the newest first. */
const LISTED_REFERRALS = 100;

export function phoneHash(phone: string): string {
  return createHash('sha256').update(phone).digest('hex');
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly ledger: PointsLedgerService,
    private readonly members: MembersService,
    private readonly rules: ClubRulesService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Binds a joining member to the member whose code they came with. A phone that was already a
   * member's (live, or erased since) is refused and kept as such, so a later code cannot bind it.
   */
  async onJoined(event: MemberJoined): Promise<void> {
    if (event.referrerId === null) return;
    let refusal: ReferralRefusal | null = null;
    if (!event.isNew) refusal = event.memberId === event.referrerId ? 'self' : 'already_member';
    else if (await this.referrals.isErasedPhone(event.em, phoneHash(event.phone)))
      refusal = 'phone_was_member';
    else if (
      event.storeId !== null &&
      (await this.referrals.isActiveClerkPhoneAt(event.em, event.referrerId, event.storeId))
    ) {
      refusal = 'clerk_own_store';
    }
    await this.referrals.insertUnlessBound(event.em, {
      referrerId: event.referrerId,
      referredId: event.memberId,
      boundAt: event.at,
      status: refusal === null ? 'bound' : 'refused',
      refusalReason: refusal,
    });
  }

  async onErasing(event: MemberErasing): Promise<void> {
    if (event.phone === null) return;
    await this.referrals.recordErasedPhone(event.em, phoneHash(event.phone), event.at);
  }

  /**
   * Pays a bound referral on the referred member's first purchase of the rules' minimum: the
   * referrer and the referred member once each (ledger refs `referral:<id>:referrer|referred`,
   * unique per kind), unless the referrer's rewarded referrals this club month reached the cap.
   */
  async onPurchase(event: PurchaseRecorded): Promise<BuyerBalance> {
    // Most purchases are below the minimum or by members nobody referred: no query for the former,
    // one unique-index lookup for the latter.
    if (event.amount < event.rules.referral.minFirstPurchase) return null;
    const { em } = event;
    const referral = await this.referrals.findBound(em, event.memberId);
    if (!referral) return null;
    const referrerLive = await this.referrals.lockLiveMember(em, referral.referrerId);
    const { year, month } = zonedDateParts(event.now, event.timeZone);
    const next = addMonths(year, month, 1);
    const rewardedThisMonth = await this.referrals.countRewarded(
      em,
      referral.referrerId,
      zonedStartOfDay({ year, month, day: 1 }, event.timeZone),
      zonedStartOfDay({ ...next, day: 1 }, event.timeZone),
    );
    const outcome = referralPurchaseOutcome({ amountMinor: event.amount, rewardedThisMonth }, event.rules);
    if (outcome.kind === 'none') return null;
    if (outcome.kind === 'refuse') {
      await this.referrals.settle(em, referral.id, {
        status: 'refused',
        refusalReason: outcome.reason,
        at: event.now,
        purchaseId: event.purchaseId,
        referrerPoints: 0,
        referredPoints: 0,
      });
      return null;
    }
    // An erased referrer has no balance to credit; the member they brought in still gets theirs.
    const referrerPoints = referrerLive ? outcome.referrerPoints : 0;
    const settled = await this.referrals.settle(em, referral.id, {
      status: 'rewarded',
      refusalReason: null,
      at: event.now,
      purchaseId: event.purchaseId,
      referrerPoints,
      referredPoints: outcome.referredPoints,
    });
    if (!settled) return null;
    if (referrerPoints > 0) {
      await this.ledger.credit(em, {
        memberId: referral.referrerId,
        points: referrerPoints,
        kind: 'bonus',
        ref: `referral:${referral.id}:referrer`,
        at: event.now,
      });
    }
    const credited = await this.ledger.credit(em, {
      memberId: event.memberId,
      points: outcome.referredPoints,
      kind: 'bonus',
      ref: `referral:${referral.id}:referred`,
      at: event.now,
    });
    return credited.balanceAfter;
  }

  /**
   * Takes both rewards back, once, when a refund leaves the referral's qualifying purchase below the
   * minimum of the rules it was made under (net of all its refunds): `refund_reversal` entries with refs
   * `referral-reversal:<id>:referrer|referred` (unique, so no retry or race reverses twice), even below
   * zero like any refund's reversal. The referral becomes `reversed`, so it no longer counts toward the
   * referrer's monthly cap, and both members are told in their inbox.
   */
  async onRefund(event: PurchaseRefunded): Promise<BuyerBalance> {
    const { em } = event;
    const referral = await this.referrals.findRewardedByPurchase(em, event.purchaseId);
    if (!referral) return null;
    // The minimum the purchase qualified under: raising it later must not take back a fair reward.
    const rules = await this.rules.ofSet(em, event.ruleSetId);
    if (event.amount - event.refundedAmount >= rules.referral.minFirstPurchase) return null;
    // The referrer's row before the referral's, in the order a purchase paying a referral takes them.
    const referrerLive = await this.referrals.lockLiveMember(em, referral.referrerId);
    if (!(await this.referrals.markReversed(em, referral.id))) return null;
    const notices: OutboxItem[] = [];
    if (referral.referrerPoints > 0 && referrerLive) {
      await this.ledger.debit(em, {
        memberId: referral.referrerId,
        points: referral.referrerPoints,
        kind: 'refund_reversal',
        ref: `referral-reversal:${referral.id}:referrer`,
        at: event.now,
        allowNegative: true,
        fromEarningEntryId: await this.bonusEntryId(em, referral.id, 'referrer'),
      });
      notices.push(
        referralReversedNotice(referral.id, referral.referrerId, 'referrer', referral.referrerPoints),
      );
    }
    let balance: BuyerBalance = null;
    if (referral.referredPoints > 0) {
      const entry = await this.ledger.debit(em, {
        memberId: referral.referredId,
        points: referral.referredPoints,
        kind: 'refund_reversal',
        ref: `referral-reversal:${referral.id}:referred`,
        at: event.now,
        allowNegative: true,
        fromEarningEntryId: await this.bonusEntryId(em, referral.id, 'referred'),
      });
      balance = entry.balanceAfter;
      notices.push(
        referralReversedNotice(referral.id, referral.referredId, 'referred', referral.referredPoints),
      );
    }
    await this.outbox.enqueue(em, notices, event.now);
    return balance;
  }

  /**
   * The bonus entry a reversal takes back, so the debit empties that bonus's own lot first (then the
   * usual order for what was spent of it): the cancelled bonus never expires later, and the member's
   * own points keep their expiry dates.
   */
  private async bonusEntryId(
    em: EntityManager,
    referralId: string,
    side: 'referrer' | 'referred',
  ): Promise<string | undefined> {
    return (await this.ledger.earningEntryId(em, 'bonus', `referral:${referralId}:${side}`)) ?? undefined;
  }

  async summary(user: AuthUser): Promise<ReferralSummary> {
    const member = await this.members.getOwn(user.sub);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    const [counts, rows] = await Promise.all([
      this.referrals.countsFor(member.id),
      this.referrals.listForReferrer(member.id, LISTED_REFERRALS),
    ]);
    return {
      code: member.referralCode,
      ...counts,
      referrals: rows.map((row) => ({
        name: maskReferredName(row.name),
        joinedAt: row.joinedAt.toISOString(),
        status: row.status,
        refusalReason: row.refusalReason,
        pointsEarned: row.referrerPoints,
      })),
    };
  }
}
