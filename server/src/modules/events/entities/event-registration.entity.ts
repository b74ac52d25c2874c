import type { RegistrationStatus } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { EventEntity } from './event.entity';

/**
 * One member's registration for one event. The id is the arrival order, hence the waitlist order.
 * `live_member_id` is the member id while the registration holds or waits for seats and NULL once it is
 * cancelled, so the unique (event_id, live_member_id) key makes "no member registers twice" a fact of
 * the database while still allowing a new registration after a cancellation.
 */
@Entity({ name: 'event_registrations' })
@Index('uq_event_registrations_live_member', ['eventId', 'liveMemberId'], { unique: true })
@Index('uq_event_registrations_member_key', ['memberId', 'idempotencyKey'], { unique: true })
@Index('uq_event_registrations_ticket', ['ticketCode'], { unique: true })
@Index('ix_event_registrations_event_status', ['eventId', 'status', 'id'])
@Index('ix_event_registrations_member', ['memberId', 'id'])
export class EventRegistrationEntity {
  @IdColumn('pk_event_registrations')
  id!: string;

  @Column(bigintRefColumn('event_id', false))
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_registrations_event' })
  event?: EventEntity;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_event_registrations_member' })
  member?: MemberEntity;

  /** `member_id` while confirmed or waitlisted, NULL once cancelled (see the class comment). */
  @Column(bigintRefColumn('live_member_id', true))
  liveMemberId!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: RegistrationStatus;

  /** The member plus their guests. */
  @Column({ name: 'seats', type: 'int' })
  seats!: number;

  @Column({ name: 'guests', type: 'int' })
  guests!: number;

  @Column({ name: 'ticket_code', type: 'varchar', length: 10 })
  ticketCode!: string;

  @Column({ name: 'points_spent', type: 'bigint', transformer: bigintAsNumber })
  pointsSpent!: number;

  /** The balance right after the points were spent, so a retry answers exactly as the first request did. */
  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter!: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, nullable: true })
  idempotencyKey!: string | null;

  @Column(bigintRefColumn('invited_by_clerk_id', true))
  invitedByClerkId!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'invited_by_clerk_id', foreignKeyConstraintName: 'fk_event_registrations_inviter' })
  invitedByClerk?: StaffEntity;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('confirmed_at', true))
  confirmedAt!: Date | null;

  @Column(timestampColumn('checked_in_at', true))
  checkedInAt!: Date | null;

  @Column(bigintRefColumn('checked_in_by_staff_id', true))
  checkedInByStaffId!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'checked_in_by_staff_id', foreignKeyConstraintName: 'fk_event_registrations_checker' })
  checkedInBy?: StaffEntity;

  @Column(timestampColumn('cancelled_at', true))
  cancelledAt!: Date | null;

  @Column({ name: 'rating', type: 'int', nullable: true })
  rating!: number | null;

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment!: string | null;

  @Column(timestampColumn('rated_at', true))
  ratedAt!: Date | null;

  /** Set by the `event-reminders` job, once per registration. */
  @Column(timestampColumn('reminded_at', true))
  remindedAt!: Date | null;
}
