import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { RedemptionsExpiryScheduler } from './redemptions-expiry.scheduler';
import { RedemptionsRepository } from './redemptions.repository';
import { RedemptionsService } from './redemptions.service';
import { RewardsStaffController } from './rewards-staff.controller';
import { RewardsController } from './rewards.controller';
import { RewardsRepository } from './rewards.repository';
import { RewardsService } from './rewards.service';

/** Rewards, redemptions, pickup and the return of what was never picked up. */
@Module({
  imports: [MembersModule, PointsModule],
  controllers: [RewardsController, RewardsStaffController],
  providers: [
    RewardsService,
    RewardsRepository,
    RedemptionsService,
    RedemptionsRepository,
    RedemptionsExpiryScheduler,
  ],
  exports: [RedemptionsService],
})
export class RewardsModule {}
