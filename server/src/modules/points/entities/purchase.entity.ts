import type { Tier } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StoreEntity } from '../../stores/entities/store.entity';

/**
 * A recorded sale. (store, order number) is unique: a till's retry finds the first row and gets the
 * first answer back, rebuilt from the columns written then (`balance_after`, `tier_*`).
 */
@Entity({ name: 'purchases' })
@Index('uq_purchases_store_order', ['storeId', 'orderNo'], { unique: true })
// Amounts included so the overview's repeat purchase (purchases not refunded in full) reads this index alone.
@Index('ix_purchases_member_amounts', ['memberId', 'occurredAt', 'amount', 'refundedAmount'])
@Index('ix_purchases_occurred', ['occurredAt'])
export class PurchaseEntity {
  @IdColumn('pk_purchases')
  id!: string;

  @Column(bigintRefColumn('store_id', false))
  storeId!: string;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_purchases_store' })
  store?: StoreEntity;

  @Column({ name: 'order_no', type: 'varchar', length: 64 })
  orderNo!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_purchases_member' })
  member?: MemberEntity;

  /** Minor units. */
  @Column({ name: 'amount', type: 'bigint', transformer: bigintAsNumber })
  amount!: number;

  @Column(timestampColumn('occurred_at'))
  occurredAt!: Date;

  @Column(timestampColumn('recorded_at'))
  recordedAt!: Date;

  /** `staff:<id>` or `api-key:<id>`. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 40 })
  recordedBy!: string;

  @Column({ name: 'points_earned', type: 'bigint', transformer: bigintAsNumber })
  pointsEarned!: number;

  /** The `earn` ledger entry (null when the purchase earned nothing). */
  @Column(bigintRefColumn('earn_entry_id', true))
  earnEntryId!: string | null;

  @Column(bigintRefColumn('rule_set_id', true))
  ruleSetId!: string | null;

  @Column({ name: 'tier_before', type: 'varchar', length: 16 })
  tierBefore!: Tier;

  @Column({ name: 'tier_after', type: 'varchar', length: 16 })
  tierAfter!: Tier;

  /** The member's balance right after this purchase: part of the answer a retry gets back. */
  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter!: number;

  @Column(timestampColumn('pending_until', true))
  pendingUntil!: Date | null;

  /** Sum of its refunds so far, minor units; never more than `amount`. */
  @Column({ name: 'refunded_amount', type: 'bigint', default: 0, transformer: bigintAsNumber })
  refundedAmount!: number;

  /** Points its refunds have reversed so far. */
  @Column({ name: 'points_reversed', type: 'bigint', default: 0, transformer: bigintAsNumber })
  pointsReversed!: number;
}
