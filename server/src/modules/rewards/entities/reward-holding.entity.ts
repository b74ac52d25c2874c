import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsString } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { RewardEntity } from './reward.entity';

/**
 * Units of a reward a member holds (awaiting pickup or handed over): the per-member limit is a
 * conditional update of this one row (`units = units + ? WHERE units + ? <= limit`), so concurrent
 * redemptions by one member queue on it and can never pass the limit together.
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

  @ManyToOne(() => RewardEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id', foreignKeyConstraintName: 'fk_reward_holdings_reward' })
  reward?: RewardEntity;

  @PrimaryColumn({
    name: 'member_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_reward_holdings',
    transformer: bigintAsString,
  })
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_reward_holdings_member' })
  member?: MemberEntity;

  @Column({ name: 'units', type: 'int', default: 0 })
  units!: number;
}
