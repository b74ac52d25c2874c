import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type Feedback,
  FEEDBACK_FOLLOW_UP_MAX_RATING,
  FEEDBACK_PHOTO_PATH,
  type FeedbackInput,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import type { FeedbackEntity } from './entities/feedback.entity';
import { FeedbackRepository } from './feedback.repository';

/**
 * Members' ratings. What is rated must be the member's own (their purchase, an event they attended, a
 * store that exists); a rating of 3 or less opens a follow-up for the store it concerns, in the same
 * transaction, so no low rating is ever left without one.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feedback: FeedbackRepository,
    private readonly followUps: FollowUpsService,
  ) {}

  async give(memberId: string, input: FeedbackInput, now = new Date()): Promise<Feedback> {
    const row = await this.dataSource.transaction(async (em) => {
      // Her access token outlives an erasure by up to 15 minutes; a rating then would keep her words.
      if (!(await this.feedback.lockLiveMember(em, memberId, 'pessimistic_read'))) {
        throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This membership no longer exists; log in again');
      }
      const storeId = await this.storeConcerned(em, memberId, input);
      await this.attachOwnPhoto(em, memberId, input.photoUrl, now);
      const saved = await this.feedback.insert(em, {
        memberId,
        subject: input.subject,
        refId: input.refId ?? null,
        storeId,
        rating: input.rating,
        comment: input.comment,
        photoUrl: input.photoUrl ?? null,
        followUpId: null,
        createdAt: now,
      });
      if (input.rating > FEEDBACK_FOLLOW_UP_MAX_RATING) return saved;
      const followUpId = await this.followUps.open(em, {
        storeId,
        memberId,
        subject: input.subject,
        refId: input.refId ?? null,
        rating: input.rating,
        comment: input.comment,
        photoUrl: input.photoUrl ?? null,
        at: now,
      });
      await this.feedback.setFollowUp(em, saved.id, followUpId);
      return { ...saved, followUpId };
    });
    return toFeedback(row);
  }

  /**
   * The photo must be one this member uploaded (the schema admits only the club's own photo paths); it
   * is marked attached in the rating's transaction, so the sweep of unattached photos leaves it alone.
   */
  private async attachOwnPhoto(
    em: EntityManager,
    memberId: string,
    photoUrl: string | undefined,
    at: Date,
  ): Promise<void> {
    const own = photoUrl === undefined ? null : FEEDBACK_PHOTO_PATH.exec(photoUrl);
    if (!own) return;
    if (!(await this.feedback.attachOwnPhoto(em, memberId, own[1], own[2], at))) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No photo of yours at this address', { field: 'photoUrl' });
    }
  }

  /** Checks `refId` belongs to the member and answers the store whose clerks should hear of it. */
  private async storeConcerned(
    em: EntityManager,
    memberId: string,
    input: FeedbackInput,
  ): Promise<string | null> {
    const refId = input.refId;
    switch (input.subject) {
      case 'purchase': {
        const storeId = refId && (await this.feedback.purchaseStore(em, memberId, refId));
        if (!storeId) throw notFound(`No purchase ${refId} of yours`);
        return storeId;
      }
      case 'event': {
        const storeId = refId ? await this.feedback.eventStore(em, refId) : undefined;
        if (storeId === undefined || !refId) throw notFound(`No event with id ${refId}`);
        if (!(await this.feedback.attended(em, memberId, refId))) {
          throw new DomainError(ErrorCode.NOT_ATTENDED, 'Only members who attended may rate this event', {
            field: 'refId',
          });
        }
        return storeId ?? (await this.feedback.homeStore(em, memberId));
      }
      case 'store':
        if (refId === undefined) return this.feedback.homeStore(em, memberId);
        if (!(await this.feedback.storeExists(em, refId))) throw notFound(`No store with id ${refId}`);
        return refId;
      case 'other':
        return this.feedback.homeStore(em, memberId);
    }
  }
}

function notFound(message: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, message, { field: 'refId' });
}

function toFeedback(row: FeedbackEntity): Feedback {
  return {
    id: row.id,
    subject: row.subject,
    refId: row.refId,
    storeId: row.storeId,
    rating: row.rating,
    comment: row.comment,
    photoUrl: row.photoUrl,
    followUpId: row.followUpId,
    createdAt: row.createdAt.toISOString(),
  };
}
