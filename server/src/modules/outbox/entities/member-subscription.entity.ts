import type { Platform } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/**
 * What the member last answered in the platform's subscribe dialog for one template: WeChat and
 * Alipay deliver a subscribe message only to someone who accepted it.
 */
@Entity({ name: 'member_subscriptions' })
@Index('uq_member_subscriptions_member_template_platform', ['memberId', 'template', 'platform'], {
  unique: true,
})
export class MemberSubscriptionEntity {
  @IdColumn('pk_member_subscriptions')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_subscriptions_member' })
  member?: MemberEntity;

  @Column({ name: 'template', type: 'varchar', length: 64 })
  template!: string;

  @Column({ name: 'platform', type: 'varchar', length: 16 })
  platform!: Platform;

  @Column({ name: 'accepted', type: 'boolean' })
  accepted!: boolean;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
