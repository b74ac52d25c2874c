import { Injectable } from '@nestjs/common';
import {
  addStoreMinutes,
  DEFAULT_OPENING_HOURS,
  ErrorCode,
  FOLLOW_UP_FIRST_RESPONSE_MINUTES,
  FOLLOW_UP_RESOLVE_HOURS,
  type FollowUp,
  type FollowUpFirstResponseInput,
  type FollowUpResolutionInput,
  type FollowUpsQuery,
  type FollowUpSubject,
  type Paginated,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { StoreEntity } from '../stores/entities/store.entity';
import type { FollowUpEntity } from './entities/follow-up.entity';
import { FollowUpsRepository } from './follow-ups.repository';

export interface OpenFollowUpInput {
  storeId: string | null;
  memberId: string;
  subject: FollowUpSubject;
  refId: string | null;
  rating: number;
  comment: string;
  /** The photo sent with the rating (event ratings carry none). */
  photoUrl?: string | null;
  at: Date;
}

/**
 * Follow-ups: a low rating becomes a task for the store it concerns, with two deadlines (first
 * contact, resolution) counted in that store's opening hours. Clerks see and act on their own store's;
 * managers every store's.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly followUps: FollowUpsRepository,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Opens a follow-up in the caller's transaction, so it exists exactly when the rating does. */
  async open(em: EntityManager, input: OpenFollowUpInput): Promise<string> {
    const store = input.storeId ? await em.findOneBy(StoreEntity, { id: input.storeId }) : null;
    // A follow-up with no store goes to the managers, who work the club's default hours.
    const hours = store?.openingHours ?? DEFAULT_OPENING_HOURS;
    const timeZone = this.config.club.timezone;
    return this.followUps.insert(em, {
      storeId: input.storeId,
      memberId: input.memberId,
      subject: input.subject,
      refId: input.refId,
      rating: input.rating,
      comment: input.comment,
      photoUrl: input.photoUrl ?? null,
      openedAt: input.at,
      firstResponseDueAt: addStoreMinutes(input.at, FOLLOW_UP_FIRST_RESPONSE_MINUTES, hours, timeZone),
      resolveDueAt: addStoreMinutes(input.at, FOLLOW_UP_RESOLVE_HOURS * 60, hours, timeZone),
    });
  }

  async list(user: AuthUser, query: FollowUpsQuery, now = new Date()): Promise<Paginated<FollowUp>> {
    const storeId = user.role === 'clerk' ? clerkStore(user) : undefined;
    const rows = await this.followUps.list(
      { status: query.status, storeId, escalated: query.escalated },
      parseCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, (row) => toFollowUp(row, now));
  }

  async respond(
    user: AuthUser,
    id: string,
    input: FollowUpFirstResponseInput,
    now = new Date(),
  ): Promise<FollowUp> {
    await this.requireOwn(user, id);
    if (!(await this.followUps.respond(id, input.note, now))) {
      throw new DomainError(ErrorCode.CONFLICT, 'This follow-up was already answered or resolved');
    }
    return toFollowUp((await this.followUps.findById(id)) as FollowUpEntity, now);
  }

  /** Resolves it and, in the same transaction, tells the member (`follow_up_resolved`). */
  async resolve(
    user: AuthUser,
    id: string,
    input: FollowUpResolutionInput,
    now = new Date(),
  ): Promise<FollowUp> {
    const row = await this.requireOwn(user, id);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.followUps.resolve(em, id, user.sub, input.note, now))) {
        throw new DomainError(ErrorCode.CONFLICT, 'This follow-up was already resolved');
      }
      await this.outbox.enqueue(
        em,
        [
          {
            memberId: row.memberId,
            topic: 'follow_up_resolved',
            ref: `follow-up-resolved:${id}`,
            title: '您的反馈已处理',
            body: `感谢您的反馈，我们已处理：${input.note}`,
            data: { followUpId: id, subject: row.subject, refId: row.refId },
          },
        ],
        now,
      );
    });
    return toFollowUp((await this.followUps.findById(id)) as FollowUpEntity, now);
  }

  /** The follow-up, if the caller may act on it: 404 when absent, 403 for another store's clerk. */
  private async requireOwn(user: AuthUser, id: string): Promise<FollowUpEntity> {
    const row = await this.followUps.findById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No follow-up with id ${id}`);
    if (user.role === 'clerk' && row.storeId !== clerkStore(user)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "This follow-up belongs to another store's clerks");
    }
    return row;
  }
}

function clerkStore(user: AuthUser): string {
  if (!user.storeId) throw new DomainError(ErrorCode.FORBIDDEN, 'This clerk belongs to no store');
  return user.storeId;
}

function toFollowUp(row: FollowUpEntity, now: Date): FollowUp {
  return {
    id: row.id,
    storeId: row.storeId,
    member: { id: row.memberId, memberNo: row.member?.memberNo ?? '', name: row.member?.name ?? '' },
    subject: row.subject,
    refId: row.refId,
    rating: row.rating,
    comment: row.comment,
    photoUrl: row.photoUrl,
    status: row.status,
    openedAt: row.openedAt.toISOString(),
    firstResponseDueAt: row.firstResponseDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
    isOverdue: row.status === 'open' && now.getTime() > row.resolveDueAt.getTime(),
    firstRespondedAt: row.firstRespondedAt?.toISOString() ?? null,
    firstResponseNote: row.firstResponseNote,
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    escalationReason: row.escalationReason,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedByStaffId: row.resolvedByStaffId,
    resolutionNote: row.resolutionNote,
  };
}
