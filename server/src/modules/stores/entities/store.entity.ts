import type { WeeklyHours } from '@vip-club/shared';
import { Column, Entity } from 'typeorm';
import { IdColumn, timestampColumn } from '../../../database/columns';

@Entity({ name: 'stores' })
export class StoreEntity {
  @IdColumn('pk_stores')
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 60 })
  name!: string;

  @Column({ name: 'city', type: 'varchar', length: 40 })
  city!: string;

  @Column({ name: 'address', type: 'varchar', length: 200 })
  address!: string;

  /** Null until a manager sets them: the club's default hours apply (`DEFAULT_OPENING_HOURS`). */
  @Column({ name: 'opening_hours', type: 'simple-json', nullable: true })
  openingHours!: WeeklyHours | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
