import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsString, timestampColumn } from '../../../database/columns';

/**
 * When the club last sent a member a marketing message. The 3-day cap is one conditional update of
 * this row (`… SET last_marketing_at = now WHERE last_marketing_at <= now - 3 days`): two clerks at
 * once queue on it and only one passes.
 *
 * No foreign key, like `reward_holdings`: the check would share-lock the member row beside this
 * one; the row is only made for a member who exists, and members are never deleted.
 */
@Entity({ name: 'member_contact_caps' })
export class MemberContactCapEntity {
  @PrimaryColumn({
    name: 'member_id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_member_contact_caps',
    transformer: bigintAsString,
  })
  memberId!: string;

  @Column(timestampColumn('last_marketing_at'))
  lastMarketingAt!: Date;
}
