import type { GreetingPurpose } from '@vip-club/shared';
import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';
import { StaffEntity } from '../../staff/entities/staff.entity';

/** A text managers prepare for clerks' greetings, personal fields and all. */
@Entity({ name: 'greeting_templates' })
export class GreetingTemplateEntity {
  @IdColumn('pk_greeting_templates')
  id!: string;

  @Column({ name: 'name', type: 'varchar', length: 40 })
  name!: string;

  @Column({ name: 'text', type: 'varchar', length: 500 })
  text!: string;

  @Column({ name: 'purpose', type: 'varchar', length: 16 })
  purpose!: GreetingPurpose;

  @Column(bigintRefColumn('created_by_staff_id', false))
  createdByStaffId!: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_staff_id', foreignKeyConstraintName: 'fk_greeting_templates_staff' })
  createdBy?: StaffEntity;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
