import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/** A notice in a member's inbox; `ref` is unique so a job run twice sends it once. */
@Entity({ name: 'member_notices' })
@Index('uq_member_notices_ref', ['ref'], { unique: true })
@Index('ix_member_notices_member', ['memberId', 'id'])
export class MemberNoticeEntity {
  @IdColumn('pk_member_notices')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_notices_member' })
  member?: MemberEntity;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'data', type: 'simple-json', nullable: true })
  data!: Record<string, unknown> | null;

  @Column({ name: 'ref', type: 'varchar', length: 128 })
  ref!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
