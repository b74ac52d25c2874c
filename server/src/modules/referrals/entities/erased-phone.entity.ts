import { Column, Entity, Index } from 'typeorm';
import { IdColumn, timestampColumn } from '../../../database/columns';

/**
 * The sha256 of an erased member's phone, kept so a member who erases themself and joins again
 * through a friend's code is still refused as having been a member, without keeping the number.
 */
@Entity({ name: 'erased_phones' })
@Index('uq_erased_phones_hash', ['phoneHash'], { unique: true })
export class ErasedPhoneEntity {
  @IdColumn('pk_erased_phones')
  id!: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash!: string;

  @Column(timestampColumn('erased_at'))
  erasedAt!: Date;
}
