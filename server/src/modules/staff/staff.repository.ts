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

  /** Oldest first after the cursor; one store's staff when `storeId` is given. */
  listAfter(
    afterId: string | undefined,
    limit: number,
    storeId?: string,
    em?: EntityManager,
  ): Promise<StaffEntity[]> {
    if (storeId === undefined) return findAfterId(this.repo(em), afterId, limit);
    const query = this.repo(em)
      .createQueryBuilder('s')
      .where('s.store_id = :storeId', { storeId })
      .orderBy('s.id', 'ASC')
      .take(limit);
    if (afterId !== undefined) query.andWhere('s.id > :afterId', { afterId });
    return query.getMany();
  }

  /** The account, its row locked until the transaction ends so two changes of it run one after the other. */
  findForChange(id: string, em: EntityManager): Promise<StaffEntity | null> {
    const query = this.repo(em).createQueryBuilder('s').where('s.id = :id', { id });
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** The account, its row share-locked until the transaction ends (see `StaffService.requireActiveClerk`). */
  findForAssignment(id: string, em: EntityManager): Promise<StaffEntity | null> {
    const query = this.repo(em).createQueryBuilder('s').where('s.id = :id', { id });
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_read');
    return query.getOne();
  }

  async update(
    id: string,
    values: Partial<Omit<StaffEntity, 'id' | 'store'>>,
    em: EntityManager,
  ): Promise<void> {
    await this.repo(em).update({ id }, values);
  }

  /**
   * How many members have this staff member as their clerk. On MySQL the matching members (and the
   * gap around them) stay locked until the transaction ends, so no member is given this clerk between
   * the count and a change that relies on it being zero.
   */
  /** How many members have each of these staff members as their clerk, in one grouped query. */
  async countMembersByClerk(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ clerkId: string | number; n: string | number }> = await this.dataSource.query(
      `SELECT clerk_id AS clerkId, COUNT(*) AS n FROM members WHERE clerk_id IN (${ids.map(() => '?').join(', ')}) GROUP BY clerk_id`,
      ids,
    );
    return new Map(rows.map((r) => [String(r.clerkId), Number(r.n)]));
  }

  /**
   * The active managers, their rows locked in id order (MySQL) until the transaction ends: two
   * deactivations at once queue here, so the second sees what the first left.
   */
  async lockActiveManagerIds(em: EntityManager): Promise<string[]> {
    const lock = em.connection.driver.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
    const rows: Array<{ id: string | number }> = await em.query(
      `SELECT id FROM staff WHERE role = 'manager' AND active = 1 ORDER BY id${lock}`,
    );
    return rows.map((r) => String(r.id));
  }

  async countMembersOf(id: string, em: EntityManager): Promise<number> {
    const lock = em.connection.driver.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
    const rows: Array<{ n: string | number }> = await em.query(
      `SELECT COUNT(*) AS n FROM members WHERE clerk_id = ?${lock}`,
      [id],
    );
    return Number(rows[0]?.n ?? 0);
  }

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }

  /**
   * The active clerk of a store with the fewest members (ties: the longest-serving), so new members
   * spread evenly over a store's clerks.
   */
  async leastLoadedClerk(
    storeId: string,
    em?: EntityManager,
    excluding: string[] = [],
  ): Promise<string | null> {
    const query = this.repo(em)
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
      .limit(1);
    if (excluding.length > 0) query.andWhere('s.id NOT IN (:...excluding)', { excluding });
    const row = await query.getRawOne<{ id: string | number }>();
    return row ? String(row.id) : null;
  }
}
