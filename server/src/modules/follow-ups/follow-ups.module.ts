import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { OutboxModule } from '../outbox/outbox.module';
import { FollowUpEscalationService } from './follow-up-escalation.service';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';

/** Follow-ups: low ratings turned into tasks for the store concerned, with deadlines in store hours. */
@Module({
  imports: [OutboxModule, JobsModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpsRepository, FollowUpEscalationService],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
