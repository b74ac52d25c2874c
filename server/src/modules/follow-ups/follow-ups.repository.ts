import { Injectable } from '@nestjs/common';
import type { FollowUpEscalationReason, FollowUpStatus } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { FollowUpEntity } from './entities/follow-up.entity';

export type NewFollowUp = Pick<
  FollowUpEntity,
  | 'storeId'
  | 'memberId'
  | 'subject'
  | 'refId'
  | 'rating'
  | 'comment'
  | 'photoUrl'
  | 'openedAt'
  | 'firstResponseDueAt'
  | 'resolveDueAt'
>;

/** A follow-up past one of its deadlines and not yet escalated. */
export interface OverdueFollowUp {
  id: string;
  reason: FollowUpEscalationReason;
}

export interface FollowUpsFilter {
  status: FollowUpStatus;
  /** Undefined: every store's. */
  storeId: string | undefined;
  escalated: boolean | undefined;
}

@Injectable()
export class FollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, values: NewFollowUp): Promise<string> {
    const result = await em.insert(FollowUpEntity, {
      ...values,
      status: 'open',
      resolvedAt: null,
      resolvedByStaffId: null,
      resolutionNote: null,
      firstRespondedAt: null,
      firstResponseNote: null,
      escalatedAt: null,
      escalationReason: null,
    });
    return String(result.identifiers[0].id);
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<FollowUpEntity | null> {
    return em.findOne(FollowUpEntity, { where: { id }, relations: { member: true } });
  }

  /**
   * Oldest first, which for open ones is close to soonest due first (every follow-up gets the same
   * working time, though store hours can reorder two opened near a closing).
   */
  list(filter: FollowUpsFilter, afterId: string | undefined, limit: number): Promise<FollowUpEntity[]> {
    const query = this.dataSource.manager
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.member', 'm')
      .where('f.status = :status', { status: filter.status });
    if (filter.storeId !== undefined) query.andWhere('f.store_id = :storeId', { storeId: filter.storeId });
    if (filter.escalated !== undefined) {
      query.andWhere(filter.escalated ? 'f.escalated_at IS NOT NULL' : 'f.escalated_at IS NULL');
    }
    if (afterId !== undefined) query.andWhere('f.id > :afterId', { afterId });
    return query.orderBy('f.id', 'ASC').take(limit).getMany();
  }

  /** Open → first responded, once: false when already responded to or resolved. */
  async respond(id: string, note: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(FollowUpEntity)
      .set({ firstRespondedAt: at, firstResponseNote: note })
      .where('id = :id AND status = :open AND first_responded_at IS NULL', { id, open: 'open' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Open → resolved, once: false when it was already resolved. Resolving reaches the member too. */
  async resolve(em: EntityManager, id: string, staffId: string, note: string, at: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(FollowUpEntity)
      .set({
        status: 'resolved',
        resolvedAt: at,
        resolvedByStaffId: staffId,
        resolutionNote: note,
        firstRespondedAt: () => 'COALESCE(first_responded_at, :at)',
      })
      .where('id = :id AND status = :open', { id, open: 'open', at })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Open, not yet escalated, and past the first-response deadline unanswered or past the resolution one. */
  async overdue(now: Date, afterId: string | null, limit: number): Promise<OverdueFollowUp[]> {
    const query = this.dataSource.manager
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.resolveDueAt'])
      .where('f.status = :open AND f.escalated_at IS NULL', { open: 'open' })
      .andWhere(
        '((f.first_responded_at IS NULL AND f.first_response_due_at < :now) OR f.resolve_due_at < :now)',
        { now },
      );
    if (afterId !== null) query.andWhere('f.id > :afterId', { afterId });
    const rows = await query.orderBy('f.id', 'ASC').take(limit).getMany();
    return rows.map((r) => ({
      id: r.id,
      reason: r.resolveDueAt.getTime() < now.getTime() ? 'resolution' : 'first_response',
    }));
  }

  /** Marks it escalated unless a run before (or beside) this one did, or it was resolved meanwhile. */
  async escalate(id: string, reason: FollowUpEscalationReason, at: Date): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(FollowUpEntity)
      .set({ escalatedAt: at, escalationReason: reason })
      .where('id = :id AND status = :open AND escalated_at IS NULL', { id, open: 'open' })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
