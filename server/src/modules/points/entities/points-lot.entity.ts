import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { PointsLedgerEntryEntity } from '../../members/entities/points-ledger-entry.entity';

/**
 * What is left of one earning (`earn`/`bonus` ledger entry). The ledger stays append-only; spending
 * and expiry lower `remaining` here, oldest lot first, so expiry knows exactly what is still unspent.
 */
@Entity({ name: 'points_lots' })
@Index('uq_points_lots_ledger_entry', ['ledgerEntryId'], { unique: true })
@Index('ix_points_lots_member_spend', ['memberId', 'expiresAt', 'id'])
@Index('ix_points_lots_expiry', ['expiresAt'])
export class PointsLotEntity {
  @IdColumn('pk_points_lots')
  id!: string;

  @Column(bigintRefColumn('ledger_entry_id', false))
  ledgerEntryId!: string;

  @ManyToOne(() => PointsLedgerEntryEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'ledger_entry_id', foreignKeyConstraintName: 'fk_points_lots_ledger_entry' })
  ledgerEntry?: PointsLedgerEntryEntity;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_points_lots_member' })
  member?: MemberEntity;

  @Column({ name: 'points', type: 'bigint', transformer: bigintAsNumber })
  points!: number;

  @Column({ name: 'remaining', type: 'bigint', transformer: bigintAsNumber })
  remaining!: number;

  /** Until then the points are pending (the return window): shown, not spendable. */
  @Column(timestampColumn('available_at'))
  availableAt!: Date;

  @Column(timestampColumn('expires_at'))
  expiresAt!: Date;

  /** The rule set the earning was computed with (null for earnings made outside a rule set). */
  @Column(bigintRefColumn('rule_set_id', true))
  ruleSetId!: string | null;
}
