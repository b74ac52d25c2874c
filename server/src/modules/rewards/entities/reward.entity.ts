import type { RewardKind, Tier } from '@vip-club/shared';
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, bigintAsNumber, timestampColumn } from '../../../database/columns';

@Entity({ name: 'rewards' })
@Index('ix_rewards_available_to', ['availableTo'])
export class RewardEntity {
  @IdColumn('pk_rewards')
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 60 })
  name!: string;

  @Column({ name: 'description', type: 'text' })
  description!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: RewardKind;

  @Column({ name: 'points_cost', type: 'bigint', transformer: bigintAsNumber })
  pointsCost!: number;

  /** Units offered in all. */
  @Column({ name: 'stock', type: 'int' })
  stock!: number;

  /**
   * Units not held by a live redemption: only ever changed by conditional updates
   * (`stock_left = stock_left - ? WHERE stock_left >= ?`), so it can never fall below zero.
   */
  @Column({ name: 'stock_left', type: 'int' })
  stockLeft!: number;

  @Column({ name: 'per_member_limit', type: 'int' })
  perMemberLimit!: number;

  /** Empty: every tier. */
  @Column({ name: 'tiers', type: 'simple-json' })
  tiers!: Tier[];

  @Column(timestampColumn('available_from'))
  availableFrom!: Date;

  /** Exclusive: the reward ends at this instant; unfulfilled redemptions return after it. */
  @Column(timestampColumn('available_to'))
  availableTo!: Date;

  @Column({ name: 'image_url', type: 'varchar', length: 500, nullable: true })
  imageUrl!: string | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
