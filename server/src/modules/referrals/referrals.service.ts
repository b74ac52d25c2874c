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
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import type { MemberErasing, MemberJoined } from '../members/member-hooks';
import { MembersService } from '../members/members.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import type { PurchaseRecorded } from '../points/purchase-hooks';
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
  ) {}

  /**
   * Binds a joining member to the member whose code they came with. A phone that was already a
   * member's (live, or erased since) is refused and kept as such, so a later code cannot bind it.
   */
  async onJoined(event: MemberJoined): Promise<void> {
    if (event.referrerId === null) return;
    let refusal: ReferralRefusal | null = null;
    if (!event.isNew) refusal = event.memberId === event.referrerId ? 'self' : 'already_member';
    else if (await this.referrals.isErasedPhone(event.em, phoneHash(event.phone))) refusal = 'phone_was_member';
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
  async onPurchase(event: PurchaseRecorded): Promise<void> {
    // Most purchases are below the minimum or by members nobody referred: no query for the former,
    // one unique-index lookup for the latter.
    if (event.amount < event.rules.referral.minFirstPurchase) return;
    const { em } = event;
    const referral = await this.referrals.findBound(em, event.memberId);
    if (!referral) return;
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
    if (outcome.kind === 'none') return;
    if (outcome.kind === 'refuse') {
      await this.referrals.settle(em, referral.id, {
        status: 'refused',
        refusalReason: outcome.reason,
        at: event.now,
        purchaseId: event.purchaseId,
        referrerPoints: 0,
        referredPoints: 0,
      });
      return;
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
    if (!settled) return;
    if (referrerPoints > 0) {
      await this.ledger.credit(em, {
        memberId: referral.referrerId,
        points: referrerPoints,
        kind: 'bonus',
        ref: `referral:${referral.id}:referrer`,
        at: event.now,
      });
    }
    await this.ledger.credit(em, {
      memberId: event.memberId,
      points: outcome.referredPoints,
      kind: 'bonus',
      ref: `referral:${referral.id}:referred`,
      at: event.now,
    });
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
