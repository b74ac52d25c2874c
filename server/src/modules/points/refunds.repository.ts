import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RefundEntity } from './entities/refund.entity';

export const REFUND_KEY = {
  name: 'uq_refunds_purchase_key',
  table: 'refunds',
  columns: ['purchase_id', 'idempotency_key'],
};

export type NewRefund = Omit<RefundEntity, 'id' | 'purchase'>;

@Injectable()
export class RefundsRepository {
  findByKey(em: EntityManager, purchaseId: string, idempotencyKey: string): Promise<RefundEntity | null> {
    return em.getRepository(RefundEntity).findOneBy({ purchaseId, idempotencyKey });
  }

  async insert(em: EntityManager, values: NewRefund): Promise<RefundEntity> {
    const result = await em.getRepository(RefundEntity).insert(values);
    return { ...values, id: String(result.identifiers[0].id) };
  }

  /** Refunded on the purchase up to and including this refund. */
  async refundedThrough(em: EntityManager, refund: Pick<RefundEntity, 'id' | 'purchaseId'>): Promise<number> {
    const row = await em
      .getRepository(RefundEntity)
      .createQueryBuilder('r')
      .select('COALESCE(SUM(r.amount), 0)', 'total')
      .where('r.purchase_id = :purchaseId AND r.id <= :id', { purchaseId: refund.purchaseId, id: refund.id })
      .getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }
}
