import type { RulesDocument } from '@vip-club/shared';
import { Column, Entity } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';

/** One version of the club's rules; the newest row is in force, older ones stay for the earnings that used them. */
@Entity({ name: 'rule_sets' })
export class RuleSetEntity {
  @IdColumn('pk_rule_sets')
  id!: string;

  @Column({ name: 'rules', type: 'simple-json' })
  rules!: RulesDocument;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  /** The manager who set them; null for the defaults the club started with. */
  @Column(bigintRefColumn('created_by', true))
  createdBy!: string | null;
}
