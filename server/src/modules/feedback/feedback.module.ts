import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FEEDBACK_PHOTO_MAX_BYTES } from '@vip-club/shared';
import type { FastifyInstance } from 'fastify';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { MembersModule } from '../members/members.module';
import { FeedbackPhotosService } from './feedback-photos.service';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';

/** Room for the form's boundaries and part headers around the largest photo. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/** Members' ratings and their photos; low ratings become follow-ups. */
@Module({
  imports: [FollowUpsModule, MembersModule],
  controllers: [FeedbackController],
  providers: [FeedbackService, FeedbackPhotosService, FeedbackRepository],
})
export class FeedbackModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * Photo uploads arrive as multipart/form-data (what `wx.uploadFile` sends), buffered with their own
   * size limit: the app's limit for every other body is a small form's. Only the upload route reads
   * such a body; elsewhere it fails validation like any other wrong body.
   */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('multipart/form-data')) return;
    fastify.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: FEEDBACK_PHOTO_MAX_BYTES + MULTIPART_OVERHEAD_BYTES },
      (_req, body, done) => done(null, body),
    );
  }
}
