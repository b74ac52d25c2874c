import { Column, Entity } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';

/** One manager's handover of a clerk's members: the audit, and the id in each member's notice ref. */
@Entity({ name: 'clerk_handovers' })
export class ClerkHandoverEntity {
  @IdColumn('pk_clerk_handovers')
  id!: string;

  @Column(bigintRefColumn('from_staff_id', false))
  fromStaffId!: string;

  @Column(bigintRefColumn('by_staff_id', false))
  byStaffId!: string;

  @Column({ name: 'moved', type: 'int' })
  moved!: number;

  /** JSON `[{staffId, count}]`. */
  @Column({ name: 'by_clerk', type: 'text' })
  byClerk!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
