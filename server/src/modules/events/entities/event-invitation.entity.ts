import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { EventEntity } from './event.entity';

/** A clerk's personal invitation of one of their members to an event; once per (event, member, clerk). */
@Entity({ name: 'event_invitations' })
@Index('uq_event_invitations_event_member_clerk', ['eventId', 'memberId', 'clerkId'], { unique: true })
@Index('ix_event_invitations_event_clerk', ['eventId', 'clerkId'])
@Index('ix_event_invitations_member', ['memberId'])
@Index('ix_event_invitations_clerk', ['clerkId'])
export class EventInvitationEntity {
  @IdColumn('pk_event_invitations')
  id!: string;

  @Column(bigintRefColumn('event_id', false))
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_invitations_event' })
  event?: EventEntity;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_event_invitations_member' })
  member?: MemberEntity;

  @Column(bigintRefColumn('clerk_id', false))
  clerkId!: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'clerk_id', foreignKeyConstraintName: 'fk_event_invitations_clerk' })
  clerk?: StaffEntity;

  @Column({ name: 'note', type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
