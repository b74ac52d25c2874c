import type { FollowUpEscalationReason, FollowUpStatus, FollowUpSubject } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { StoreEntity } from '../../stores/entities/store.entity';

/** A low rating the owning store must answer: reach the member within 15 minutes, resolve within 3 hours (store hours). */
@Entity({ name: 'follow_ups' })
@Index('ix_follow_ups_store_status', ['storeId', 'status', 'id'])
@Index('ix_follow_ups_status', ['status', 'id'])
export class FollowUpEntity {
  @IdColumn('pk_follow_ups')
  id!: string;

  /** Null when neither the subject nor the member has a store: managers handle those. */
  @Column(bigintRefColumn('store_id', true))
  storeId!: string | null;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_follow_ups_store' })
  store?: StoreEntity;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_follow_ups_member' })
  member?: MemberEntity;

  @Column({ name: 'subject', type: 'varchar', length: 16 })
  subject!: FollowUpSubject;

  /** The event (purchase, store) the rating was about. */
  @Column(bigintRefColumn('ref_id', true))
  refId!: string | null;

  @Column({ name: 'rating', type: 'int' })
  rating!: number;

  @Column({ name: 'comment', type: 'text' })
  comment!: string;

  /** The photo the member sent with the rating, for the clerks to see. */
  @Column({ name: 'photo_url', type: 'varchar', length: 500, nullable: true })
  photoUrl!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: FollowUpStatus;

  @Column(timestampColumn('opened_at'))
  openedAt!: Date;

  @Column(timestampColumn('first_response_due_at'))
  firstResponseDueAt!: Date;

  @Column(timestampColumn('resolve_due_at'))
  resolveDueAt!: Date;

  /** When a clerk noted they had reached the member (resolving counts as reaching them). */
  @Column(timestampColumn('first_responded_at', true))
  firstRespondedAt!: Date | null;

  @Column({ name: 'first_response_note', type: 'text', nullable: true })
  firstResponseNote!: string | null;

  /** Set once, by the `follow-up-escalation` job, when a deadline passed: managers then take it on. */
  @Column(timestampColumn('escalated_at', true))
  escalatedAt!: Date | null;

  @Column({ name: 'escalation_reason', type: 'varchar', length: 16, nullable: true })
  escalationReason!: FollowUpEscalationReason | null;

  @Column(timestampColumn('resolved_at', true))
  resolvedAt!: Date | null;

  @Column(bigintRefColumn('resolved_by_staff_id', true))
  resolvedByStaffId!: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by_staff_id', foreignKeyConstraintName: 'fk_follow_ups_resolved_by' })
  resolvedBy?: StaffEntity;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;
}
