import { Injectable } from '@nestjs/common';
import type { FollowUpStatus } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { FollowUpEntity } from './entities/follow-up.entity';

export type NewFollowUp = Omit<
  FollowUpEntity,
  'id' | 'store' | 'member' | 'resolvedBy' | 'status' | 'resolvedAt' | 'resolvedByStaffId' | 'resolutionNote'
>;

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
    });
    return String(result.identifiers[0].id);
  }

  findById(id: string): Promise<FollowUpEntity | null> {
    return this.dataSource.manager.findOne(FollowUpEntity, { where: { id }, relations: { member: true } });
  }

  /**
   * Oldest first, which for open ones is soonest due first (every follow-up gets the same time to
   * resolve); `storeId` undefined means every store's.
   */
  list(
    status: FollowUpStatus,
    storeId: string | undefined,
    afterId: string | undefined,
    limit: number,
  ): Promise<FollowUpEntity[]> {
    const query = this.dataSource.manager
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.member', 'm')
      .where('f.status = :status', { status });
    if (storeId !== undefined) query.andWhere('f.store_id = :storeId', { storeId });
    if (afterId !== undefined) query.andWhere('f.id > :afterId', { afterId });
    return query.orderBy('f.id', 'ASC').take(limit).getMany();
  }

  /** Open → resolved, once: false when it was already resolved. */
  async resolve(id: string, staffId: string, note: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(FollowUpEntity)
      .set({ status: 'resolved', resolvedAt: at, resolvedByStaffId: staffId, resolutionNote: note })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
