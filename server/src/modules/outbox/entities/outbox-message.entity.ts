import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { MemberEntity } from '../../members/entities/member.entity';

/** Where a message goes: the member's inbox, or their WeChat/Alipay subscribe message. */
export type OutboxChannel = 'inbox' | 'platform';

/**
 * `sending` is a platform message handed to the HTTP call and never retried (at most once outside);
 * `skipped` is a platform message the member did not consent or subscribe to.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/**
 * One message to one member on one channel. Rows are written in the transaction of the change they
 * announce, so a message exists exactly when the change committed; `(ref, channel)` is unique so
 * announcing the same thing twice queues it once.
 */
@Entity({ name: 'message_outbox' })
@Index('uq_message_outbox_ref_channel', ['ref', 'channel'], { unique: true })
@Index('ix_message_outbox_status', ['status', 'id'])
@Index('ix_message_outbox_claim', ['claimedBy'])
@Index('ix_message_outbox_member', ['memberId'])
export class OutboxMessageEntity {
  @IdColumn('pk_message_outbox')
  id!: string;

  @Column(bigintRefColumn('member_id', false))
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_message_outbox_member' })
  member?: MemberEntity;

  @Column({ name: 'topic', type: 'varchar', length: 32 })
  topic!: string;

  @Column({ name: 'ref', type: 'varchar', length: 128 })
  ref!: string;

  @Column({ name: 'channel', type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'data', type: 'simple-json', nullable: true })
  data!: Record<string, unknown> | null;

  /** The subscribe-message template (platform rows only). */
  @Column({ name: 'template', type: 'varchar', length: 64, nullable: true })
  template!: string | null;

  @Column({ name: 'template_fields', type: 'simple-json', nullable: true })
  templateFields!: Record<string, string> | null;

  @Column({ name: 'page', type: 'varchar', length: 255, nullable: true })
  page!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'pending' })
  status!: OutboxStatus;

  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column(timestampColumn('claimed_until', true))
  claimedUntil!: Date | null;

  @Column(timestampColumn('sent_at', true))
  sentAt!: Date | null;

  /** Why a row was skipped or failed. */
  @Column({ name: 'error', type: 'varchar', length: 255, nullable: true })
  error!: string | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
