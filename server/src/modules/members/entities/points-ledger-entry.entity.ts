import type { LedgerKind } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from './member.entity';

/** Append-only: a balance change is a new row, never an update. */
@Entity({ name: 'points_ledger' })
@Index('uq_points_ledger_kind_ref', ['kind', 'ref'], { unique: true })
@Index('ix_points_ledger_member', ['memberId', 'id'])
@Index('ix_points_ledger_created', ['createdAt'])
export class PointsLedgerEntryEntity {
  @IdColumn('pk_points_ledger')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_points_ledger_member' })
  member?: MemberEntity;

  @Column({ name: 'delta', type: 'bigint', transformer: bigintAsNumber })
  delta!: number;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: LedgerKind;

  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter!: number;

  /** What caused the entry (`purchase:42`); with `kind` the natural key that makes retries harmless. */
  @Column({ name: 'ref', type: 'varchar', length: 128, nullable: true })
  ref!: string | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('expires_at', true))
  expiresAt!: Date | null;
}
