import type { EventEligibility, EventKind, EventStatus, Tier } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintAsNumber, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { StaffEntity } from '../../staff/entities/staff.entity';
import { StoreEntity } from '../../stores/entities/store.entity';

@Entity({ name: 'events' })
@Index('ix_events_status_starts', ['status', 'startsAt'])
export class EventEntity {
  @IdColumn('pk_events')
  id!: string;

  @Column({ name: 'title', type: 'varchar', length: 60 })
  title!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: EventKind;

  @Column({ name: 'description', type: 'text' })
  description!: string;

  @Column({ name: 'venue', type: 'varchar', length: 120 })
  venue!: string;

  /** The hosting store: its clerks check guests in, low ratings open its follow-ups. */
  @Column(bigintRefColumn('store_id', true))
  storeId!: string | null;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_events_store' })
  store?: StoreEntity;

  @Column({ name: 'cover_image_url', type: 'varchar', length: 500, nullable: true })
  coverImageUrl!: string | null;

  @Column(timestampColumn('starts_at'))
  startsAt!: Date;

  @Column(timestampColumn('ends_at'))
  endsAt!: Date;

  /** Seats in all, members and guests alike. */
  @Column({ name: 'capacity', type: 'int' })
  capacity!: number;

  @Column({ name: 'points_cost', type: 'bigint', transformer: bigintAsNumber })
  pointsCost!: number;

  @Column({ name: 'guests_allowed', type: 'int' })
  guestsAllowed!: number;

  @Column({ name: 'eligibility', type: 'simple-json' })
  eligibility!: EventEligibility;

  /** Registration window `[opensAt, closesAt)`. */
  @Column(timestampColumn('opens_at'))
  opensAt!: Date;

  @Column(timestampColumn('closes_at'))
  closesAt!: Date;

  /** Empty when no tier gets an earlier start. */
  @Column({ name: 'priority_tiers', type: 'simple-json' })
  priorityTiers!: Tier[];

  @Column(timestampColumn('priority_opens_at', true))
  priorityOpensAt!: Date | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EventStatus;

  /**
   * Seats held by confirmed registrations: changed only by conditional updates
   * (`confirmed_seats + n <= capacity`), so it never exceeds the capacity.
   */
  @Column({ name: 'confirmed_seats', type: 'int', default: 0 })
  confirmedSeats!: number;

  @Column({ name: 'checked_in_seats', type: 'int', default: 0 })
  checkedInSeats!: number;

  /** Members invited when the event was published (counted as the invitations were queued). */
  @Column({ name: 'invited_count', type: 'int', default: 0 })
  invitedCount!: number;

  @Column(timestampColumn('published_at', true))
  publishedAt!: Date | null;

  @Column(timestampColumn('cancelled_at', true))
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason!: string | null;

  @Column(bigintRefColumn('created_by_staff_id', false))
  createdByStaffId!: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_staff_id', foreignKeyConstraintName: 'fk_events_created_by' })
  createdBy?: StaffEntity;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
