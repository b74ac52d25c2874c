import { Injectable } from '@nestjs/common';
import type { WeeklyHours } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { findAfterId } from '../../common/pagination/page';
import { StoreEntity } from './entities/store.entity';

@Injectable()
export class StoresRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(StoreEntity);
  }

  async insert(
    values: Pick<StoreEntity, 'name' | 'city' | 'address'>,
    now: Date,
    em?: EntityManager,
  ): Promise<StoreEntity> {
    const entity = this.repo(em).create({ ...values, createdAt: now });
    return this.repo(em).save(entity);
  }

  findById(id: string, em?: EntityManager): Promise<StoreEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  /** Oldest first, `limit` rows after the `afterId` cursor. */
  listAfter(afterId: string | undefined, limit: number, em?: EntityManager): Promise<StoreEntity[]> {
    return findAfterId(this.repo(em), afterId, limit);
  }

  async setOpeningHours(id: string, hours: WeeklyHours, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { openingHours: hours });
  }

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }
}
