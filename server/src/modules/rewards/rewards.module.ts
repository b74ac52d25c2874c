import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { RedemptionsExpiryRegistration } from './redemptions-expiry.registration';
import { RedemptionsRepository } from './redemptions.repository';
import { RedemptionsService } from './redemptions.service';
import { RewardsStaffController } from './rewards-staff.controller';
import { RewardsController } from './rewards.controller';
import { RewardsRepository } from './rewards.repository';
import { RewardsService } from './rewards.service';

/** Rewards, redemptions, pickup and the return of what was never picked up. */
@Module({
  imports: [MembersModule, PointsModule, JobsModule],
  controllers: [RewardsController, RewardsStaffController],
  providers: [
    RewardsService,
    RewardsRepository,
    RedemptionsService,
    RedemptionsRepository,
    RedemptionsExpiryRegistration,
  ],
  exports: [RedemptionsService],
})
export class RewardsModule {}
