import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { PurchaseEntity } from './purchase.entity';

/** One refund of a purchase; an `Idempotency-Key` makes a retried refund return the first one. */
@Entity({ name: 'refunds' })
@Index('uq_refunds_purchase_key', ['purchaseId', 'idempotencyKey'], { unique: true })
export class RefundEntity {
  @IdColumn('pk_refunds')
  id!: string;

  @Column(bigintRefColumn('purchase_id', false))
  purchaseId!: string;

  @ManyToOne(() => PurchaseEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'purchase_id', foreignKeyConstraintName: 'fk_refunds_purchase' })
  purchase?: PurchaseEntity;

  @Column({ name: 'amount', type: 'bigint', transformer: bigintAsNumber })
  amount!: number;

  @Column({ name: 'reason', type: 'varchar', length: 200 })
  reason!: string;

  @Column({ name: 'points_reversed', type: 'bigint', transformer: bigintAsNumber })
  pointsReversed!: number;

  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 40 })
  createdBy!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
