import { Column, Entity, Index } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';

/** What became of a claimed gift. */
export type BirthdayGiftOutcome = 'points' | 'voucher' | 'out_of_stock';

/**
 * One birthday gift per member and club year: the `birthdays` job claims the row (INSERT IGNORE on the
 * unique key) in the transaction that pays it, so a second run or a second server finds it taken.
 *
 * No foreign keys, on purpose (as `reward_holdings`): their check takes a shared lock on the member row,
 * which the same transaction then updates for the points, and two claimants holding shared locks on one
 * member would deadlock on the upgrade. The job only claims for members it has just read.
 */
@Entity({ name: 'birthday_gifts' })
@Index('uq_birthday_gifts_member_year', ['memberId', 'year'], { unique: true })
export class BirthdayGiftEntity {
  @IdColumn('pk_birthday_gifts')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  /** The club year of the birthday month. */
  @Column({ name: 'year', type: 'int' })
  year!: number;

  /** The gift's kind when it was given ('points' / 'reward'). */
  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: 'points' | 'reward';

  @Column({ name: 'points', type: 'int', nullable: true })
  points!: number | null;

  @Column(bigintRefColumn('reward_id', true))
  rewardId!: string | null;

  @Column(bigintRefColumn('redemption_id', true))
  redemptionId!: string | null;

  @Column({ name: 'outcome', type: 'varchar', length: 16 })
  outcome!: BirthdayGiftOutcome;

  /** The run that claimed it: a multi-row INSERT IGNORE tells no caller which rows were its own. */
  @Column({ name: 'claim', type: 'varchar', length: 64 })
  claim!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
