import { Module } from '@nestjs/common';
import { IdentityModule } from '../auth/identity.module';
import { MembersModule } from '../members/members.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PointsModule } from '../points/points.module';
import { ReferralCardService } from './referral-card.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsRegistration } from './referrals.registration';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

/** Referrals: binding at joining through a member's code, rewards at the first qualifying purchase, the monthly cap. */
@Module({
  imports: [MembersModule, PointsModule, IdentityModule, OutboxModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralCardService, ReferralsRepository, ReferralsRegistration],
})
export class ReferralsModule {}
