import type { BirthdayGift, Tier } from '@vip-club/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../../database/columns';

/** The managers' birthday gifts: one row (id 1); absent until first saved, when the defaults apply. */
@Entity({ name: 'birthday_gift_settings' })
export class BirthdayGiftSettingsEntity {
  @PrimaryColumn({ name: 'id', type: 'int', primaryKeyConstraintName: 'pk_birthday_gift_settings' })
  id!: number;

  @Column({ name: 'gifts', type: 'simple-json' })
  gifts!: Record<Tier, BirthdayGift | null>;

  @Column({ name: 'guard_days', type: 'int' })
  guardDays!: number;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
