import type { RedemptionStatus } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { StoreEntity } from '../../stores/entities/store.entity';
import { RewardEntity } from './reward.entity';

@Entity({ name: 'redemptions' })
@Index('uq_redemptions_code', ['code'], { unique: true })
// A retried request finds the first redemption by this key instead of making a second.
@Index('uq_redemptions_member_key', ['memberId', 'idempotencyKey'], { unique: true })
@Index('ix_redemptions_member', ['memberId', 'id'])
@Index('ix_redemptions_reward_status', ['rewardId', 'status'])
export class RedemptionEntity {
  @IdColumn('pk_redemptions')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_redemptions_member' })
  member?: MemberEntity;

  @Column(bigintRefColumn('reward_id', false))
  rewardId!: string;

  @ManyToOne(() => RewardEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id', foreignKeyConstraintName: 'fk_redemptions_reward' })
  reward?: RewardEntity;

  @Column({ name: 'quantity', type: 'int' })
  quantity!: number;

  @Column({ name: 'points_spent', type: 'bigint', transformer: bigintAsNumber })
  pointsSpent!: number;

  /** The balance right after the debit, so a retry answers exactly as the first request did. */
  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: RedemptionStatus;

  /** The pickup code (PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH) the clerk scans. */
  @Column({ name: 'code', type: 'varchar', length: 8 })
  code!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('fulfilled_at', true))
  fulfilledAt!: Date | null;

  @Column(bigintRefColumn('fulfilled_by', true))
  fulfilledBy!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'fulfilled_by', foreignKeyConstraintName: 'fk_redemptions_fulfilled_by' })
  fulfiller?: StaffEntity;

  @Column(bigintRefColumn('fulfilled_store_id', true))
  fulfilledStoreId!: string | null;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'fulfilled_store_id', foreignKeyConstraintName: 'fk_redemptions_fulfilled_store' })
  fulfilledStore?: StoreEntity;

  /** When it was cancelled or returned. */
  @Column(timestampColumn('cancelled_at', true))
  cancelledAt!: Date | null;

  /** The manager who cancelled it; null when the member did, or when it returned on its own. */
  @Column(bigintRefColumn('cancelled_by', true))
  cancelledBy!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'cancelled_by', foreignKeyConstraintName: 'fk_redemptions_cancelled_by' })
  canceller?: StaffEntity;
}
