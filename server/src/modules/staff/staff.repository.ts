import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { findAfterId } from '../../common/pagination/page';
import { StaffEntity } from './entities/staff.entity';

@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(StaffEntity);
  }

  insert(values: Omit<StaffEntity, 'id' | 'store'>, em?: EntityManager): Promise<StaffEntity> {
    return this.repo(em).save(this.repo(em).create(values));
  }

  findById(id: string, em?: EntityManager): Promise<StaffEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByUsername(username: string, em?: EntityManager): Promise<StaffEntity | null> {
    return this.repo(em).findOneBy({ username });
  }

  listAfter(afterId: string | undefined, limit: number, em?: EntityManager): Promise<StaffEntity[]> {
    return findAfterId(this.repo(em), afterId, limit);
  }

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }

  /**
   * The active clerk of a store with the fewest members (ties: the longest-serving), so new members
   * spread evenly over a store's clerks.
   */
  async leastLoadedClerk(storeId: string, em?: EntityManager): Promise<string | null> {
    const row = await this.repo(em)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .addSelect('COUNT(m.id)', 'load')
      .leftJoin('members', 'm', 'm.clerk_id = s.id')
      .where('s.store_id = :storeId', { storeId })
      .andWhere('s.role = :role', { role: 'clerk' })
      .andWhere('s.active = :active', { active: true })
      .groupBy('s.id')
      .orderBy('load', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(1)
      .getRawOne<{ id: string | number }>();
    return row ? String(row.id) : null;
  }
}
