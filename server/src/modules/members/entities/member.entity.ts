import type { Gender, Tier } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { StoreEntity } from '../../stores/entities/store.entity';

@Entity({ name: 'members' })
@Index('uq_members_member_no', ['memberNo'], { unique: true })
@Index('uq_members_phone', ['phone'], { unique: true })
@Index('uq_members_referral_code', ['referralCode'], { unique: true })
@Index('ix_members_store', ['storeId'])
@Index('ix_members_clerk', ['clerkId'])
@Index('ix_members_birth_md', ['birthMd'])
export class MemberEntity {
  @IdColumn('pk_members')
  id!: string;

  /** 9 digits, Luhn check digit last; printed `1234 5678 9`. */
  @Column({ name: 'member_no', type: 'varchar', length: 9 })
  memberNo!: string;

  @Column({ name: 'name', type: 'varchar', length: 40 })
  name!: string;

  @Column({ name: 'gender', type: 'varchar', length: 8 })
  gender!: Gender;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear!: number | null;

  @Column({ name: 'birth_month', type: 'int', nullable: true })
  birthMonth!: number | null;

  @Column({ name: 'birth_day', type: 'int', nullable: true })
  birthDay!: number | null;

  /** month*100+day, indexed: "whose birthday is today" without scanning every member. */
  @Column({ name: 'birth_md', type: 'int', nullable: true })
  birthMd!: number | null;

  /** When the birthday went on file: the birthday gift's guard counts from it. */
  @Column(timestampColumn('birthday_set_at', true))
  birthdaySetAt!: Date | null;

  /** Null once the member is erased. */
  @Column({ name: 'phone', type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ name: 'interests', type: 'simple-json' })
  interests!: string[];

  @Column({ name: 'occupation', type: 'varchar', length: 40, nullable: true })
  occupation!: string | null;

  @Column(bigintRefColumn('store_id', true))
  storeId!: string | null;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_members_store' })
  store?: StoreEntity;

  @Column(bigintRefColumn('clerk_id', true))
  clerkId!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'clerk_id', foreignKeyConstraintName: 'fk_members_clerk' })
  clerk?: StaffEntity;

  /** Balance; always the sum of this member's points_ledger deltas. */
  @Column({ name: 'points', type: 'bigint', default: 0, transformer: bigintAsNumber })
  points!: number;

  @Column({ name: 'tier', type: 'varchar', length: 16, default: 'friend' })
  tier!: Tier;

  /** Qualifying spend of the last 12 months in minor units, cached for the card. */
  @Column({ name: 'qualifying_spend', type: 'bigint', default: 0, transformer: bigintAsNumber })
  qualifyingSpend!: number;

  @Column({ name: 'referral_code', type: 'varchar', length: 16 })
  referralCode!: string;

  /** The referrer's code as given at joining; the referral reward reads it later. */
  @Column({ name: 'referred_by_code', type: 'varchar', length: 16, nullable: true })
  referredByCode!: string | null;

  @Column({ name: 'consent_marketing', type: 'boolean', default: false })
  consentMarketing!: boolean;

  @Column(timestampColumn('consent_marketing_at', true))
  consentMarketingAt!: Date | null;

  @Column(timestampColumn('joined_at'))
  joinedAt!: Date;

  @Column(timestampColumn('erased_at', true))
  erasedAt!: Date | null;
}
