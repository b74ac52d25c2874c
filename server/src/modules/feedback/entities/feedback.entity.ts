import type { FeedbackSubject } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { FollowUpEntity } from '../../follow-ups/entities/follow-up.entity';
import { MemberEntity } from '../../members/entities/member.entity';
import { StoreEntity } from '../../stores/entities/store.entity';

/** A member's rating of a purchase, an event, a store or anything else. */
@Entity({ name: 'feedback' })
@Index('ix_feedback_member', ['memberId', 'id'])
export class FeedbackEntity {
  @IdColumn('pk_feedback')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_feedback_member' })
  member?: MemberEntity;

  @Column({ name: 'subject', type: 'varchar', length: 16 })
  subject!: FeedbackSubject;

  /** The purchase, event or store rated; null for "other" (and a store rating of the home store). */
  @Column(bigintRefColumn('ref_id', true))
  refId!: string | null;

  /** The store it concerns, whose clerks answer a low rating; null when none could be told. */
  @Column(bigintRefColumn('store_id', true))
  storeId!: string | null;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_feedback_store' })
  store?: StoreEntity;

  @Column({ name: 'rating', type: 'int' })
  rating!: number;

  @Column({ name: 'comment', type: 'text' })
  comment!: string;

  @Column({ name: 'photo_url', type: 'varchar', length: 500, nullable: true })
  photoUrl!: string | null;

  @Column(bigintRefColumn('follow_up_id', true))
  followUpId!: string | null;

  @ManyToOne(() => FollowUpEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'follow_up_id', foreignKeyConstraintName: 'fk_feedback_follow_up' })
  followUp?: FollowUpEntity;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
