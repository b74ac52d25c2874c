import type { FeedbackPhotoType } from '@vip-club/shared';
import { Column, Entity, Index } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';

/**
 * An image a member uploaded to go with a rating. The bytes are a file under CLUB_DATA_DIR (named by
 * `accessKey`); this row says whose it is and what it is. No foreign key: like an audit row, it may
 * outlive what it was attached to.
 */
@Entity({ name: 'feedback_photos' })
@Index('ix_feedback_photos_member', ['memberId', 'id'])
// The daily sweep reads only the unattached (`attached_at IS NULL`) uploaded before a day ago.
@Index('ix_feedback_photos_unattached', ['attachedAt', 'createdAt'])
// Stray files are looked up by name.
@Index('uq_feedback_photos_access_key', ['accessKey'], { unique: true })
export class FeedbackPhotoEntity {
  @IdColumn('pk_feedback_photos')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  /** 128 random bits in hex: the last segment of the photo's address and its file name. */
  @Column({ name: 'access_key', type: 'varchar', length: 32 })
  accessKey!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 16 })
  contentType!: FeedbackPhotoType;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  /**
   * When a rating first named the photo (set by `POST /feedback` in the rating's transaction), null
   * while none has: what tells the sweep which photos to leave alone without reading the ratings.
   */
  @Column(timestampColumn('attached_at', true))
  attachedAt!: Date | null;
}
