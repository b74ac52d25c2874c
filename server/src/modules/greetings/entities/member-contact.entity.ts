import type { GreetingDelivery, GreetingPurpose } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StaffEntity } from '../../staff/entities/staff.entity';

/**
 * One contact of a member by a clerk (a greeting), with what became of each channel. It stays with
 * the member whoever their clerk is later. (staff, idempotency key) is unique: a retry finds the first.
 */
@Entity({ name: 'member_contacts' })
@Index('uq_member_contacts_staff_key', ['staffId', 'idempotencyKey'], { unique: true })
@Index('ix_member_contacts_member', ['memberId', 'at'])
// The clerk-activity report and a clerk's drill-down read a period of each clerk's contacts.
@Index('ix_member_contacts_staff_at', ['staffId', 'at'])
export class MemberContactEntity {
  @IdColumn('pk_member_contacts')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_contacts_member' })
  member?: MemberEntity;

  @Column(bigintRefColumn('staff_id', false))
  staffId!: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_member_contacts_staff' })
  staff?: StaffEntity;

  @Column({ name: 'purpose', type: 'varchar', length: 16 })
  purpose!: GreetingPurpose;

  /** The text as sent, personal fields filled in. */
  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Column({ name: 'deliveries', type: 'simple-json' })
  deliveries!: GreetingDelivery[];

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  @Column(timestampColumn('at'))
  at!: Date;
}
