import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PointsModule } from '../points/points.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsRegistration } from './referrals.registration';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

/** Referrals: binding at joining through a member's code, rewards at the first qualifying purchase, the monthly cap. */
@Module({
  imports: [MembersModule, PointsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralsRepository, ReferralsRegistration],
})
export class ReferralsModule {}
