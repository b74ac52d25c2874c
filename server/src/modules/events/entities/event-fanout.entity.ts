import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { EventEntity } from './event.entity';

/**
 * The progress of one published event's invitations: members are paged in id order and
 * `cursor_member_id` advances in the same transaction that queues each page's messages, so a
 * restart resumes exactly where the last committed page ended. `claimed_by` keeps two server
 * processes from paging the same event at once.
 */
@Entity({ name: 'event_fanouts' })
@Index('uq_event_fanouts_event', ['eventId'], { unique: true })
@Index('ix_event_fanouts_status', ['status'])
export class EventFanoutEntity {
  @IdColumn('pk_event_fanouts')
  id!: string;

  @Column(bigintRefColumn('event_id', false))
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_fanouts_event' })
  event?: EventEntity;

  /** `running` until the last page is queued, then `done`. */
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'running' | 'done';

  /** The last member id queued; null before the first page. */
  @Column(bigintRefColumn('cursor_member_id', true))
  cursorMemberId!: string | null;

  @Column({ name: 'invited', type: 'int', default: 0 })
  invited!: number;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column(timestampColumn('claimed_until', true))
  claimedUntil!: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('finished_at', true))
  finishedAt!: Date | null;
}
