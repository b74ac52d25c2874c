import type { Purchase, PurchaseDetail, PurchaseResult } from '@vip-club/shared';
import type { PurchaseEntity } from './entities/purchase.entity';

export function toPurchase(row: PurchaseEntity): Purchase {
  return {
    id: row.id,
    storeId: row.storeId,
    orderNo: row.orderNo,
    memberId: row.memberId,
    amount: row.amount,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** The answer to recording a purchase, rebuilt from the row alone, so a retry gets the very same answer. */
export function toPurchaseResult(row: PurchaseEntity): PurchaseResult {
  return {
    purchase: toPurchase(row),
    pointsEarned: row.pointsEarned,
    balance: row.balanceAfter,
    tier: row.tierAfter,
    tierChanged: row.tierAfter !== row.tierBefore,
    pendingUntil: row.pendingUntil === null ? null : row.pendingUntil.toISOString(),
  };
}

/** The purchase as it stands now, refunds included. */
export function toPurchaseDetail(row: PurchaseEntity): PurchaseDetail {
  return {
    ...toPurchase(row),
    pointsEarned: row.pointsEarned,
    refundedAmount: row.refundedAmount,
    refundableLeft: row.amount - row.refundedAmount,
    pointsReversed: row.pointsReversed,
  };
}
