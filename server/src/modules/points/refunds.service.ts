import { Injectable } from '@nestjs/common';
import { ErrorCode, IdempotencyKeySchema, type RefundInput, type RefundResult } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { parseInput } from '../../common/pipes/parse-input';
import { isUniqueViolation } from '../../database/unique-violation';
import { type Actor, actorRef, actsForStore } from './actor';
import { AuditService } from './audit.service';
import type { PurchaseEntity } from './entities/purchase.entity';
import type { RefundEntity } from './entities/refund.entity';
import { MemberStandingRepository } from './member-standing.repository';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';
import { PurchaseHooks } from './purchase-hooks';
import { PurchasesRepository } from './purchases.repository';
import { REFUND_KEY, RefundsRepository } from './refunds.repository';
import { retryOnDeadlock } from './transaction-retry';

class AlreadyRefunded extends Error {}

export interface RefundOutcome {
  /** False when the `Idempotency-Key` had been used on this purchase: the first answer again. */
  created: boolean;
  result: RefundResult;
}

/**
 * Refunds, partial or full. The points reversed are cumulative and exact: after refunds totalling R of
 * a purchase of amount A that earned P, exactly floor(P × R / A) points have been reversed, so a full
 * refund reverses every point however it was split. Reversals apply even below zero.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly purchases: PurchasesRepository,
    private readonly refunds: RefundsRepository,
    private readonly standing: MemberStandingRepository,
    private readonly ledger: PointsLedgerService,
    private readonly balances: PointsLedgerRepository,
    private readonly audit: AuditService,
    private readonly hooks: PurchaseHooks,
  ) {}

  async refund(
    actor: Actor,
    purchaseId: string,
    input: RefundInput,
    idempotencyKeyHeader: string | undefined,
    now: Date = new Date(),
  ): Promise<RefundOutcome> {
    const key =
      idempotencyKeyHeader === undefined
        ? null
        : parseInput(IdempotencyKeySchema, idempotencyKeyHeader, 'Idempotency-Key');
    const purchase = await this.purchases.findById(this.dataSource.manager, purchaseId);
    if (!purchase) throw new DomainError(ErrorCode.NOT_FOUND, 'No such purchase');
    if (!actsForStore(actor, purchase.storeId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Refunds are made by the store the purchase was made in');
    }
    if (key !== null) {
      const first = await this.refunds.findByKey(this.dataSource.manager, purchaseId, key);
      if (first)
        return { created: false, result: await this.toResult(this.dataSource.manager, first, purchase) };
    }
    try {
      const result = await retryOnDeadlock(() =>
        this.dataSource.transaction((em) => this.refundIn(em, actor, purchase, input, key, now)),
      );
      return { created: true, result };
    } catch (err) {
      if (key === null || (!(err instanceof AlreadyRefunded) && !isUniqueViolation(err, REFUND_KEY)))
        throw err;
      const first = await this.refunds.findByKey(this.dataSource.manager, purchaseId, key);
      if (!first) throw err;
      return { created: false, result: await this.toResult(this.dataSource.manager, first, purchase) };
    }
  }

  private async refundIn(
    em: EntityManager,
    actor: Actor,
    original: PurchaseEntity,
    input: RefundInput,
    key: string | null,
    now: Date,
  ): Promise<RefundResult> {
    // Locks the purchase row first: concurrent refunds of one purchase queue here, and never exceed it.
    if (!(await this.purchases.addRefund(em, original.id, input.amount))) {
      const current = await this.purchases.findById(em, original.id);
      const left = current ? current.amount - current.refundedAmount : 0;
      throw new DomainError(
        ErrorCode.REFUND_EXCEEDS_PURCHASE,
        `Only ${left} (minor units) is left to refund`,
        {
          refundableLeft: left,
        },
      );
    }
    if (key !== null && (await this.refunds.findByKey(em, original.id, key))) throw new AlreadyRefunded();
    const purchase = (await this.purchases.findById(em, original.id)) as PurchaseEntity;
    await this.standing.addQualifyingSpend(em, purchase.memberId, -input.amount);

    // In BigInt: points × refunded can pass 2^53 for the largest purchases.
    const reversedSoFar = Number(
      (BigInt(purchase.pointsEarned) * BigInt(purchase.refundedAmount)) / BigInt(purchase.amount),
    );
    const toReverse = reversedSoFar - purchase.pointsReversed;
    let balanceAfter: number;
    if (toReverse > 0) {
      const entry = await this.ledger.debit(em, {
        memberId: purchase.memberId,
        points: toReverse,
        kind: 'refund_reversal',
        ref: `refund:${purchase.id}:${purchase.refundedAmount}`,
        at: now,
        allowNegative: true,
        fromEarningEntryId: purchase.earnEntryId ?? undefined,
      });
      await this.purchases.addPointsReversed(em, purchase.id, toReverse);
      balanceAfter = entry.balanceAfter;
    } else {
      balanceAfter = (await this.balances.balanceOf(em, purchase.memberId)) ?? 0;
    }
    // A hook may take more back from the buyer (a referral bonus whose purchase no longer qualifies).
    balanceAfter =
      (await this.hooks.refunded({
        em,
        purchaseId: purchase.id,
        memberId: purchase.memberId,
        amount: purchase.amount,
        refundedAmount: purchase.refundedAmount,
        ruleSetId: purchase.ruleSetId,
        now,
      })) ?? balanceAfter;
    const refund = await this.refunds.insert(em, {
      purchaseId: purchase.id,
      amount: input.amount,
      reason: input.reason,
      pointsReversed: Math.max(0, toReverse),
      balanceAfter,
      idempotencyKey: key,
      createdBy: actorRef(actor),
      createdAt: now,
    });
    await this.audit.record(
      em,
      {
        actor: actorRef(actor),
        action: 'purchase.refund',
        entity: 'purchase',
        entityId: purchase.id,
        before: {
          refundedAmount: purchase.refundedAmount - input.amount,
          pointsReversed: purchase.pointsReversed,
        },
        after: {
          refundedAmount: purchase.refundedAmount,
          pointsReversed: reversedSoFar,
          reason: input.reason,
        },
      },
      now,
    );
    return {
      refund: toRefund(refund),
      pointsReversed: refund.pointsReversed,
      balance: balanceAfter,
      refundableLeft: purchase.amount - purchase.refundedAmount,
    };
  }

  private async toResult(
    em: EntityManager,
    refund: RefundEntity,
    purchase: PurchaseEntity,
  ): Promise<RefundResult> {
    return {
      refund: toRefund(refund),
      pointsReversed: refund.pointsReversed,
      balance: refund.balanceAfter,
      refundableLeft: purchase.amount - (await this.refunds.refundedThrough(em, refund)),
    };
  }
}

function toRefund(row: RefundEntity): RefundResult['refund'] {
  return {
    id: row.id,
    purchaseId: row.purchaseId,
    amount: row.amount,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}
