import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { StoreEntity } from '../../stores/entities/store.entity';

/** A store till's key for `POST /purchases`; only its sha256 is kept, the key is shown once. */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_hash', ['keyHash'], { unique: true })
@Index('ix_api_keys_store', ['storeId'])
export class ApiKeyEntity {
  @IdColumn('pk_api_keys')
  id!: string;

  @Column(bigintRefColumn('store_id', false))
  storeId!: string;

  @ManyToOne(() => StoreEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_api_keys_store' })
  store?: StoreEntity;

  @Column({ name: 'name', type: 'varchar', length: 60, nullable: true })
  name!: string | null;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(bigintRefColumn('created_by', false))
  createdBy!: string;

  @Column(timestampColumn('revoked_at', true))
  revokedAt!: Date | null;
}
