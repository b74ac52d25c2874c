import type { Platform } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/** A platform user (WeChat openid, Alipay user id); bound to a member once they join. */
@Entity({ name: 'member_identities' })
@Index('uq_member_identities_platform_user', ['platform', 'platformUserId'], { unique: true })
@Index('ix_member_identities_member', ['memberId'])
export class MemberIdentityEntity {
  @IdColumn('pk_member_identities')
  id!: string;

  @Column({ name: 'platform', type: 'varchar', length: 16 })
  platform!: Platform;

  @Column({ name: 'platform_user_id', type: 'varchar', length: 128 })
  platformUserId!: string;

  @Column(bigintRefColumn('member_id', true))
  memberId!: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_identities_member' })
  member?: MemberEntity;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
