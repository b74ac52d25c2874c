import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  async insert(em: EntityManager, values: NewPurchase): Promise<PurchaseEntity> {
    const result = await em.getRepository(PurchaseEntity).insert(values);
    return { ...values, id: String(result.identifiers[0].id) };
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

  /** Spend net of refunds of a member's purchases made in [from, to): the tier review's measure. */
  async netSpend(em: EntityManager, memberId: string, from: Date, to: Date): Promise<number> {
    const row = await em
      .getRepository(PurchaseEntity)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.amount - p.refunded_amount), 0)', 'spend')
      .where('p.member_id = :memberId AND p.occurred_at >= :from AND p.occurred_at < :to', {
        memberId,
        from,
        to,
      })
      .getRawOne<{ spend: string | number }>();
    return Number(row?.spend ?? 0);
  }
}
