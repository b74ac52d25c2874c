import type { ReferralRefusal, ReferralStatus } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { PurchaseEntity } from '../../points/entities/purchase.entity';

/** A member brought in through another's code: one per referred member, the first code wins. */
@Entity({ name: 'referrals' })
@Index('uq_referrals_referred', ['referredId'], { unique: true })
@Index('ix_referrals_referrer', ['referrerId', 'status', 'rewardedAt'])
export class ReferralEntity {
  @IdColumn('pk_referrals')
  id!: string;

  @Column(bigintRefColumn('referrer_id', false))
  referrerId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'referrer_id', foreignKeyConstraintName: 'fk_referrals_referrer' })
  referrer?: MemberEntity;

  @Column(bigintRefColumn('referred_id', false))
  referredId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'referred_id', foreignKeyConstraintName: 'fk_referrals_referred' })
  referred?: MemberEntity;

  @Column(timestampColumn('bound_at'))
  boundAt!: Date;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ReferralStatus;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 32, nullable: true })
  refusalReason!: ReferralRefusal | null;

  /** When the qualifying purchase paid (or was refused by the cap). */
  @Column(timestampColumn('rewarded_at', true))
  rewardedAt!: Date | null;

  /** The referred member's qualifying purchase. */
  @Column(bigintRefColumn('purchase_id', true))
  purchaseId!: string | null;

  @ManyToOne(() => PurchaseEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'purchase_id', foreignKeyConstraintName: 'fk_referrals_purchase' })
  purchase?: PurchaseEntity;

  @Column({ name: 'referrer_points', type: 'int', default: 0 })
  referrerPoints!: number;

  @Column({ name: 'referred_points', type: 'int', default: 0 })
  referredPoints!: number;
}
