import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsString } from '../../../database/columns';

/**
 * Units of a reward a member holds (awaiting pickup or handed over): the per-member limit is a
 * conditional update of this one row (`units = units + ? WHERE units + ? <= limit`), so concurrent
 * redemptions by one member queue on it and can never pass the limit together.
 *
 * No foreign keys, on purpose: a foreign-key check takes a shared lock on the member and reward rows,
 * which concurrent redemptions lock exclusively, and creating this row beside them deadlocked. The
 * row is only ever made by a redemption of a reward and a member that exist, and neither is deleted.
 */
@Entity({ name: 'reward_holdings' })
export class RewardHoldingEntity {
  @PrimaryColumn({
    name: 'reward_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_reward_holdings',
    transformer: bigintAsString,
  })
  rewardId!: string;

  @PrimaryColumn({
    name: 'member_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_reward_holdings',
    transformer: bigintAsString,
  })
  memberId!: string;

  @Column({ name: 'units', type: 'int', default: 0 })
  units!: number;
}
