import type { InboxReplyKind } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { MemberNoticeEntity } from '../../points/entities/member-notice.entity';

/**
 * A member's answer to a notice, once per (notice, kind). A `call_me` puts the member on their clerk's
 * worklist until a contact after it (`WorklistRepository`).
 */
@Entity({ name: 'inbox_replies' })
@Index('uq_inbox_replies_notice_kind', ['noticeId', 'kind'], { unique: true })
@Index('ix_inbox_replies_kind', ['kind', 'createdAt'])
export class InboxReplyEntity {
  @IdColumn('pk_inbox_replies')
  id!: string;

  @Column(bigintRefColumn('notice_id', false))
  noticeId!: string;

  @ManyToOne(() => MemberNoticeEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'fk_inbox_replies_notice' })
  notice?: MemberNoticeEntity;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_inbox_replies_member' })
  member?: MemberEntity;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: InboxReplyKind;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
