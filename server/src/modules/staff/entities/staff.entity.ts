import type { StaffRole } from '@vip-club/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { StoreEntity } from '../../stores/entities/store.entity';

@Entity({ name: 'staff' })
@Index('uq_staff_username', ['username'], { unique: true })
@Index('ix_staff_store', ['storeId', 'role', 'active'])
@Index('ix_staff_phone', ['phone'])
export class StaffEntity {
  @IdColumn('pk_staff')
  id!: string;

  @Column({ name: 'username', type: 'varchar', length: 32 })
  username!: string;

  /** argon2id hash, never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'role', type: 'varchar', length: 16 })
  role!: StaffRole;

  /** Null for managers, who run the whole club. */
  @Column(bigintRefColumn('store_id', true))
  storeId!: string | null;

  @ManyToOne(() => StoreEntity, {
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
    createForeignKeyConstraints: true,
  })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'fk_staff_store' })
  store?: StoreEntity;

  @Column({ name: 'name', type: 'varchar', length: 40 })
  name!: string;

  /** The 11 digits, as members' phones are kept, so a referral can be checked against clerks' own phones. */
  @Column({ name: 'phone', type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
