import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  FOLLOW_UP_FIRST_RESPONSE_MINUTES,
  FOLLOW_UP_RESOLVE_HOURS,
  type FollowUp,
  type FollowUpResolutionInput,
  type FollowUpsQuery,
  type FollowUpSubject,
  type Paginated,
} from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import type { FollowUpEntity } from './entities/follow-up.entity';
import { FollowUpsRepository } from './follow-ups.repository';

export interface OpenFollowUpInput {
  storeId: string | null;
  memberId: string;
  subject: FollowUpSubject;
  refId: string | null;
  rating: number;
  comment: string;
  at: Date;
}

const MINUTE = 60_000;

/**
 * Follow-ups: a low rating becomes a task for the store it concerns, with two deadlines (first
 * contact, resolution). Clerks see and resolve their own store's; managers every store's.
 */
@Injectable()
export class FollowUpsService {
  constructor(private readonly followUps: FollowUpsRepository) {}

  /** Opens a follow-up in the caller's transaction, so it exists exactly when the rating does. */
  open(em: EntityManager, input: OpenFollowUpInput): Promise<string> {
    return this.followUps.insert(em, {
      storeId: input.storeId,
      memberId: input.memberId,
      subject: input.subject,
      refId: input.refId,
      rating: input.rating,
      comment: input.comment,
      openedAt: input.at,
      firstResponseDueAt: new Date(input.at.getTime() + FOLLOW_UP_FIRST_RESPONSE_MINUTES * MINUTE),
      resolveDueAt: new Date(input.at.getTime() + FOLLOW_UP_RESOLVE_HOURS * 60 * MINUTE),
    });
  }

  async list(user: AuthUser, query: FollowUpsQuery, now = new Date()): Promise<Paginated<FollowUp>> {
    const storeId = user.role === 'clerk' ? this.clerkStore(user) : undefined;
    const rows = await this.followUps.list(query.status, storeId, parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, (row) => toFollowUp(row, now));
  }

  async resolve(
    user: AuthUser,
    id: string,
    input: FollowUpResolutionInput,
    now = new Date(),
  ): Promise<FollowUp> {
    const row = await this.followUps.findById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No follow-up with id ${id}`);
    if (user.role === 'clerk' && row.storeId !== this.clerkStore(user)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "This follow-up belongs to another store's clerks");
    }
    if (!(await this.followUps.resolve(id, user.sub, input.note, now))) {
      throw new DomainError(ErrorCode.CONFLICT, 'This follow-up was already resolved');
    }
    return toFollowUp((await this.followUps.findById(id)) as FollowUpEntity, now);
  }

  private clerkStore(user: AuthUser): string {
    if (!user.storeId) throw new DomainError(ErrorCode.FORBIDDEN, 'This clerk belongs to no store');
    return user.storeId;
  }
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
    status: row.status,
    openedAt: row.openedAt.toISOString(),
    firstResponseDueAt: row.firstResponseDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
    isOverdue: row.status === 'open' && now.getTime() > row.resolveDueAt.getTime(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedByStaffId: row.resolvedByStaffId,
    resolutionNote: row.resolutionNote,
  };
}
