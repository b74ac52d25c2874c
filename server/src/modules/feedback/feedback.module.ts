import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { MembersModule } from '../members/members.module';
import { FeedbackPhotosService } from './feedback-photos.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Members' ratings and their photos; low ratings become follow-ups. */
@Module({
  imports: [FollowUpsModule, MembersModule],
  controllers: [FeedbackController],
  providers: [FeedbackService, FeedbackPhotosService, FeedbackRepository],
})
export class FeedbackModule {}
