import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/**
 * How far a member has read their inbox: one high-water mark per member, the id of the newest notice
 * read. It only ever rises, so an older screen marking read late cannot make notices unread again.
 */
@Entity({ name: 'inbox_read_marks' })
@Index('uq_inbox_read_marks_member', ['memberId'], { unique: true })
export class InboxReadMarkEntity {
  @IdColumn('pk_inbox_read_marks')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_inbox_read_marks_member' })
  member?: MemberEntity;

  @Column(bigintRefColumn('last_read_id', false))
  lastReadId!: string;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
