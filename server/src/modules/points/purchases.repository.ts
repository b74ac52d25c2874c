import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { rawInsert, rawWrite } from '../../database/raw-write';
import { PurchaseEntity } from './entities/purchase.entity';

export const PURCHASE_KEY = {
  name: 'uq_purchases_store_order',
  table: 'purchases',
  columns: ['store_id', 'order_no'],
};

export type NewPurchase = Omit<PurchaseEntity, 'id' | 'store' | 'member'>;

@Injectable()
export class PurchasesRepository {
  findByStoreOrder(em: EntityManager, storeId: string, orderNo: string): Promise<PurchaseEntity | null> {
    return em.getRepository(PurchaseEntity).findOneBy({ storeId, orderNo });
  }

  findById(em: EntityManager, id: string): Promise<PurchaseEntity | null> {
    return em.getRepository(PurchaseEntity).findOneBy({ id });
  }

  /** The member's latest purchases, newest first (by when they happened, then by id). */
  latestOfMember(em: EntityManager, memberId: string, limit: number): Promise<PurchaseEntity[]> {
    return em.getRepository(PurchaseEntity).find({
      where: { memberId },
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Raw (see database/raw-write.ts): the purchase's hot path; TypeORM's insert also re-read the defaults. */
  async insert(em: EntityManager, values: NewPurchase): Promise<PurchaseEntity> {
    const id = await rawInsert(
      em,
      'INSERT INTO purchases (store_id, order_no, member_id, amount, occurred_at, recorded_at, recorded_by,' +
        ' points_earned, earn_entry_id, rule_set_id, tier_before, tier_after, balance_after, pending_until,' +
        ' refunded_amount, points_reversed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        values.storeId,
        values.orderNo,
        values.memberId,
        values.amount,
        values.occurredAt,
        values.recordedAt,
        values.recordedBy,
        values.pointsEarned,
        values.earnEntryId,
        values.ruleSetId,
        values.tierBefore,
        values.tierAfter,
        values.balanceAfter,
        values.pendingUntil,
        values.refundedAmount,
        values.pointsReversed,
      ],
    );
    return { ...values, id };
  }

  /**
   * Adds a refund to the purchase's running totals only while they stay within the amount, in one
   * statement: concurrent refunds can never refund more than was paid. False when it would.
   */
  async addRefund(em: EntityManager, id: string, amount: number): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(PurchaseEntity)
      .set({ refundedAmount: () => 'refunded_amount + :amount' })
      .where('id = :id AND refunded_amount + :amount <= amount')
      .setParameters({ id, amount })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setBalanceAfter(em: EntityManager, id: string, balanceAfter: number): Promise<void> {
    await rawWrite(em, 'UPDATE purchases SET balance_after = ? WHERE id = ?', [balanceAfter, id]);
  }

  async addPointsReversed(em: EntityManager, id: string, points: number): Promise<void> {
    if (points === 0) return;
    await em
      .createQueryBuilder()
      .update(PurchaseEntity)
      .set({ pointsReversed: () => 'points_reversed + :points' })
      .where('id = :id')
      .setParameters({ id, points })
      .execute();
  }

  /** Per member, spend net of refunds of purchases made in [from, to). */
  async netSpendByMember(
    em: EntityManager,
    memberIds: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await em
      .getRepository(PurchaseEntity)
      .createQueryBuilder('p')
      .select('p.member_id', 'memberId')
      .addSelect('SUM(p.amount - p.refunded_amount)', 'spend')
      .where('p.member_id IN (:...memberIds) AND p.occurred_at >= :from AND p.occurred_at < :to', {
        memberIds,
        from,
        to,
      })
      .groupBy('p.member_id')
      .getRawMany<{ memberId: string | number; spend: string | number }>();
    return new Map(rows.map((r) => [String(r.memberId), Number(r.spend)]));
  }
}
