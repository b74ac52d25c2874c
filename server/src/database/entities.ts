import { MemberIdentityEntity } from '../modules/auth/entities/member-identity.entity';
import { RefreshTokenEntity } from '../modules/auth/entities/refresh-token.entity';
import { MemberImportRowEntity } from '../modules/member-import/entities/member-import-row.entity';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { PointsLedgerEntryEntity } from '../modules/members/entities/points-ledger-entry.entity';
import { PointsLotEntity } from '../modules/points/entities/points-lot.entity';
import { RedemptionEntity } from '../modules/rewards/entities/redemption.entity';
import { RewardHoldingEntity } from '../modules/rewards/entities/reward-holding.entity';
import { RewardEntity } from '../modules/rewards/entities/reward.entity';
import { StaffEntity } from '../modules/staff/entities/staff.entity';
import { StoreEntity } from '../modules/stores/entities/store.entity';

/**
 * Every TypeORM entity of the club, in one list: the app, the migration CLI and the drift test all
 * read it. Add an entity here when you add its class (and a migration for each driver).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [
  StoreEntity,
  StaffEntity,
  MemberEntity,
  PointsLedgerEntryEntity,
  MemberIdentityEntity,
  RefreshTokenEntity,
  PointsLotEntity,
  RewardEntity,
  RedemptionEntity,
  RewardHoldingEntity,
  MemberImportRowEntity,
];
