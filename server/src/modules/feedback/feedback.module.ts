import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { JobsModule } from '../jobs/jobs.module';
import { MembersModule } from '../members/members.module';
import { FeedbackPhotosJobRegistration } from './feedback-photos-job.registration';
import { FeedbackPhotosService } from './feedback-photos.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Members' ratings and their photos (unattached ones swept daily); low ratings become follow-ups. */
@Module({
  imports: [FollowUpsModule, MembersModule, JobsModule],
  controllers: [FeedbackController],
  providers: [FeedbackService, FeedbackPhotosService, FeedbackRepository, FeedbackPhotosJobRegistration],
})
export class FeedbackModule {}
