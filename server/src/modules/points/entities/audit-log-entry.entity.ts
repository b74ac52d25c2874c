import { Column, Entity, Index } from 'typeorm';
import { IdColumn, timestampColumn } from '../../../database/columns';

/** Who changed points, stock or rules, when, and the before and after; append-only. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_entity', ['entity', 'id'])
@Index('ix_audit_log_actor', ['actor', 'id'])
export class AuditLogEntryEntity {
  @IdColumn('pk_audit_log')
  id!: string;

  /** `staff:<id>`, `api-key:<id>` or `system`. */
  @Column({ name: 'actor', type: 'varchar', length: 60 })
  actor!: string;

  @Column({ name: 'action', type: 'varchar', length: 60 })
  action!: string;

  @Column({ name: 'entity', type: 'varchar', length: 40 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 40 })
  entityId!: string;

  @Column({ name: 'before', type: 'simple-json', nullable: true })
  before!: unknown;

  @Column({ name: 'after', type: 'simple-json', nullable: true })
  after!: unknown;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;
}
