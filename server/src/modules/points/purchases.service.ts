import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PURCHASE_CLOCK_SKEW_MS,
  pointsForPurchase,
  type PurchaseDetail,
  type PurchaseLookupQuery,
  type PurchaseResult,
  type RecordPurchaseInput,
  tierAfterPurchase,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { hotTransaction } from '../../database/hot-transaction';
import { isUniqueViolation } from '../../database/unique-violation';
import { CardCodeService } from '../members/card-code.service';
import { type Actor, actorRef, actsForStore } from './actor';
import { ClubCalendar } from './club-calendar';
import { ClubRulesService } from './club-rules.service';
import { KnownStores } from './known-stores';
import type { PurchaseEntity } from './entities/purchase.entity';
import { MemberStandingRepository } from './member-standing.repository';
import { PointsLedgerService } from './points-ledger.service';
import { PurchaseHooks } from './purchase-hooks';
import { toPurchaseDetail, toPurchaseResult } from './purchases.mapper';
import { PURCHASE_KEY, PurchasesRepository } from './purchases.repository';
import { retryOnDeadlock } from './transaction-retry';

const DAY_MS = 86_400_000;

export interface RecordOutcome {
  /** False when the order had been recorded before: the answer is the first one (HTTP 200). */
  created: boolean;
  result: PurchaseResult;
}

@Injectable()
export class PurchasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly purchases: PurchasesRepository,
    private readonly standing: MemberStandingRepository,
    private readonly ledger: PointsLedgerService,
    private readonly rules: ClubRulesService,
    private readonly stores: KnownStores,
    private readonly cardCodes: CardCodeService,
    private readonly calendar: ClubCalendar,
    private readonly hooks: PurchaseHooks,
  ) {}

  /**
   * Records a sale once per (store, order number): points by the member's tier and birthday month
   * at `occurredAt` under the rules in force, qualifying spend raised, and the tier upgraded at once
   * when the spend reaches the next threshold. A retry gets the first answer back.
   */
  async record(actor: Actor, input: RecordPurchaseInput, now: Date = new Date()): Promise<RecordOutcome> {
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > now.getTime() + PURCHASE_CLOCK_SKEW_MS) {
      throw validationError([{ path: 'occurredAt', message: 'must not be in the future' }]);
    }
    await this.stores.require(input.storeId);
    if (!actsForStore(actor, input.storeId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Purchases are recorded by the store they were made in');
    }
    // No lookup of the order up front: a new sale (the usual case) would pay for it every time. A
    // replay is found inside the transaction instead, and any refusal (an expired card code, a member
    // gone since) is first checked against a recorded order, so a till retrying still gets its answer.
    let memberId: string;
    try {
      memberId = input.memberId ?? this.cardCodes.verify(input.cardCode as string, now);
    } catch (err) {
      return this.replayOrThrow(input, err);
    }
    try {
      const row = await retryOnDeadlock(() =>
        hotTransaction(this.dataSource, (em) => this.recordIn(em, actor, input, memberId, occurredAt, now)),
      );
      return { created: true, result: toPurchaseResult(row) };
    } catch (err) {
      if (
        !isUniqueViolation(err, PURCHASE_KEY) &&
        !(err instanceof DomainError && err.code === ErrorCode.NOT_FOUND)
      ) {
        throw err;
      }
      return this.replayOrThrow(input, err);
    }
  }

  /** The first answer when the order is recorded already; otherwise `err` stands. */
  private async replayOrThrow(input: RecordPurchaseInput, err: unknown): Promise<RecordOutcome> {
    const first = await this.purchases.findByStoreOrder(
      this.dataSource.manager,
      input.storeId,
      input.orderNo,
    );
    if (!first) throw err;
    return { created: false, result: toPurchaseResult(first) };
  }

  /** A purchase for a clerk of its store or a manager (for a refund at the counter). */
  async detail(actor: Actor, id: string): Promise<PurchaseDetail> {
    const row = await this.purchases.findById(this.dataSource.manager, id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such purchase');
    return this.visible(actor, row);
  }

  async lookup(actor: Actor, query: PurchaseLookupQuery): Promise<PurchaseDetail> {
    const row = await this.purchases.findByStoreOrder(this.dataSource.manager, query.storeId, query.orderNo);
    if (!actsForStore(actor, query.storeId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Another store's purchases are not yours to see");
    }
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No purchase with this order number at this store');
    return toPurchaseDetail(row);
  }

  private visible(actor: Actor, row: PurchaseEntity): PurchaseDetail {
    if (!actsForStore(actor, row.storeId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Another store's purchases are not yours to see");
    }
    return toPurchaseDetail(row);
  }

  private async recordIn(
    em: EntityManager,
    actor: Actor,
    input: RecordPurchaseInput,
    memberId: string,
    occurredAt: Date,
    now: Date,
  ): Promise<PurchaseEntity> {
    // First statement: locks the member's row, so the tier, spend and balance read below are current.
    if (!(await this.standing.addQualifyingSpend(em, memberId, input.amount))) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No such member', {
        field: input.memberId ? 'memberId' : 'cardCode',
      });
    }
    // No look for the order here: an order recorded already makes the purchase's insert below hit
    // its unique key (store, order number), which rolls all of this back and replays the first answer.
    const member = await this.standing.standingOf(em, memberId);
    if (!member) throw new Error(`member ${memberId} vanished inside its own lock`);

    const { id: ruleSetId, rules, timeZone } = await this.rules.active(em);
    const pointsEarned = pointsForPurchase(
      {
        amountMinor: input.amount,
        tier: member.tier,
        // isBirthdayMonth of the shared rules, with the month looked up once per club-time month.
        isBirthdayMonth:
          member.birthMonth !== null &&
          member.birthDay !== null &&
          this.calendar.monthOf(occurredAt, timeZone).month === member.birthMonth,
      },
      rules,
    );
    const tierAfter = tierAfterPurchase(member.tier, member.qualifyingSpend, rules);
    // With no return window the points are spendable at once, even when the till's clock runs ahead.
    const availableAt =
      rules.returnWindowDays > 0
        ? new Date(occurredAt.getTime() + rules.returnWindowDays * DAY_MS)
        : new Date(Math.min(occurredAt.getTime(), now.getTime()));

    let balanceAfter = member.points;
    let earnEntryId: string | null = null;
    if (pointsEarned > 0) {
      const entry = await this.ledger.credit(em, {
        memberId,
        points: pointsEarned,
        kind: 'earn',
        ref: `purchase:${input.storeId}:${input.orderNo}`,
        at: occurredAt,
        availableAt,
        ruleSetId,
      });
      balanceAfter = entry.balanceAfter;
      earnEntryId = entry.id;
    }
    if (tierAfter !== member.tier) await this.standing.setTier(em, memberId, tierAfter);
    const row = await this.purchases.insert(em, {
      storeId: input.storeId,
      orderNo: input.orderNo,
      memberId,
      amount: input.amount,
      occurredAt,
      recordedAt: now,
      recordedBy: actorRef(actor),
      pointsEarned,
      earnEntryId,
      ruleSetId,
      tierBefore: member.tier,
      tierAfter,
      balanceAfter,
      pendingUntil: pointsEarned > 0 && availableAt.getTime() > now.getTime() ? availableAt : null,
      refundedAmount: 0,
      pointsReversed: 0,
    });
    const balanceAfterHooks = await this.hooks.recorded({
      em,
      purchaseId: row.id,
      memberId,
      amount: input.amount,
      occurredAt,
      now,
      rules,
      timeZone,
    });
    // A hook credited the buyer too (the referred member's bonus): the answer, and a retry's, says so.
    if (balanceAfterHooks !== null && balanceAfterHooks !== row.balanceAfter) {
      await this.purchases.setBalanceAfter(em, row.id, balanceAfterHooks);
      return { ...row, balanceAfter: balanceAfterHooks };
    }
    return row;
  }
}
