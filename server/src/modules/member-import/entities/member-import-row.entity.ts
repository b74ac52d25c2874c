import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/**
 * One phone handled by one import: the unique (import, phone) pair is what makes a second run of the
 * same file change nothing, even for a row that moved no points (no ledger entry to find).
 */
@Entity({ name: 'member_import_rows' })
@Index('uq_member_import_rows_ref_phone', ['importRef', 'phone'], { unique: true })
@Index('ix_member_import_rows_member', ['memberId'])
export class MemberImportRowEntity {
  @IdColumn('pk_member_import_rows')
  id!: string;

  @Column({ name: 'import_ref', type: 'varchar', length: 64 })
  importRef!: string;

  /** sha256 of the whole file: the same Idempotency-Key with another file is a conflict. */
  @Column({ name: 'file_hash', type: 'varchar', length: 64 })
  fileHash!: string;

  @Column({ name: 'phone', type: 'varchar', length: 16 })
  phone!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_import_rows_member' })
  member?: MemberEntity;

  /** `created`, `updated` or `unchanged`, as the first run answered. */
  @Column({ name: 'outcome', type: 'varchar', length: 16 })
  outcome!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
