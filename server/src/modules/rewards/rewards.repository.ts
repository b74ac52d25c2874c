import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, LessThan, MoreThan } from 'typeorm';
import type { RedeemableReward } from '@vip-club/shared';
import { rawDate, rawQuery, rawWrite } from '../../database/raw-write';
import { RewardHoldingEntity } from './entities/reward-holding.entity';
import { RewardEntity } from './entities/reward.entity';

export type NewReward = Omit<RewardEntity, 'id'>;

/** Rewards, their stock counter and each member's holdings of them. */
@Injectable()
export class RewardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async insert(values: NewReward, em?: EntityManager): Promise<RewardEntity> {
    const result = await this.manager(em).insert(RewardEntity, values);
    return (await this.findById(String(result.identifiers[0].id), em)) as RewardEntity;
  }

  findById(id: string, em?: EntityManager): Promise<RewardEntity | null> {
    return this.manager(em).findOneBy(RewardEntity, { id });
  }

  /**
   * What redeeming needs of a reward and the member's holding of it, in one read (the redemption's
   * hot path): null when there is no such reward; `held` undefined when the member holds no row yet.
   */
  async forRedemption(
    rewardId: string,
    memberId: string,
  ): Promise<{ reward: RedeemableReward & { id: string }; held: number | undefined } | null> {
    const rows = await rawQuery<{
      points_cost: string | number;
      stock_left: string | number;
      per_member_limit: string | number;
      tiers: string;
      available_from: unknown;
      available_to: unknown;
      units: string | number | null;
    }>(
      this.manager(),
      'SELECT r.points_cost, r.stock_left, r.per_member_limit, r.tiers, r.available_from, r.available_to,' +
        ' h.units FROM rewards r LEFT JOIN reward_holdings h ON h.reward_id = r.id AND h.member_id = ?' +
        ' WHERE r.id = ?',
      [memberId, rewardId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      reward: {
        id: rewardId,
        pointsCost: Number(row.points_cost),
        stockLeft: Number(row.stock_left),
        perMemberLimit: Number(row.per_member_limit),
        // A simple-json column: TypeORM stores the array as JSON text.
        tiers: JSON.parse(row.tiers),
        availableFrom: rawDate(row.available_from),
        availableTo: rawDate(row.available_to),
      },
      held: row.units === null ? undefined : Number(row.units),
    };
  }

  /** Plain fields only: stock moves through `restock`, never by a write of a value read earlier. */
  async update(
    id: string,
    values: Partial<Omit<NewReward, 'stock' | 'stockLeft' | 'createdAt'>>,
    em?: EntityManager,
  ): Promise<void> {
    await this.manager(em).update(RewardEntity, { id }, values);
  }

  /**
   * Sets the total stock and moves what is left by the same amount, unless that would take it below
   * zero (members hold more than the new total). False when refused (or no such reward).
   */
  async restock(id: string, stock: number, em?: EntityManager): Promise<boolean> {
    // stock_left is assigned first: MySQL evaluates SET left to right with already-updated values.
    const result = await this.manager(em)
      .createQueryBuilder()
      .update(RewardEntity)
      .set({ stockLeft: () => 'stock_left + (:stock - stock)', stock: () => ':stock' })
      .where('id = :id AND stock_left + (:stock - stock) >= 0', { id, stock })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** `stock_left = stock_left - n` only while at least `n` are left; false when out of stock. */
  async takeStock(em: EntityManager, id: string, units: number): Promise<boolean> {
    // Raw: one of the redemption's hottest statements (see database/raw-write.ts).
    const changed = await rawWrite(
      em,
      'UPDATE rewards SET stock_left = stock_left - ? WHERE id = ? AND stock_left >= ?',
      [units, id, units],
    );
    return changed > 0;
  }

  async returnStock(em: EntityManager, id: string, units: number): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RewardEntity)
      .set({ stockLeft: () => 'stock_left + :units' })
      .where('id = :id', { id, units })
      .execute();
  }

  /** Newest first (the manager's list). */
  listNewestFirst(beforeId: string | undefined, limit: number): Promise<RewardEntity[]> {
    return this.manager().find(RewardEntity, {
      where: beforeId === undefined ? {} : { id: LessThan(beforeId) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** Rewards that have not ended at `now`, oldest first (the members' catalogue). */
  listNotEnded(now: Date, afterId: string | undefined, limit: number): Promise<RewardEntity[]> {
    return this.manager().find(RewardEntity, {
      where:
        afterId === undefined
          ? { availableTo: MoreThan(now) }
          : { availableTo: MoreThan(now), id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Units the member holds of each reward (missing: none). */
  async holdings(memberId: string, rewardIds: string[], em?: EntityManager): Promise<Map<string, number>> {
    if (rewardIds.length === 0) return new Map();
    const rows = await this.manager(em).find(RewardHoldingEntity, {
      where: { memberId, rewardId: In(rewardIds) },
    });
    return new Map(rows.map((r) => [r.rewardId, r.units]));
  }

  /**
   * Creates the member's holding row at zero if missing. Run outside the redemption's transaction:
   * inside it, concurrent inserts of the same row would share a lock that each then wants to
   * upgrade, and deadlock.
   */
  async ensureHolding(rewardId: string, memberId: string): Promise<void> {
    await this.manager()
      .createQueryBuilder()
      .insert()
      .into(RewardHoldingEntity)
      .values({ rewardId, memberId, units: 0 })
      .orIgnore()
      .execute();
  }

  /** `units = units + n` only while that stays within `limit`; false when the limit is reached. */
  async takeHolding(
    em: EntityManager,
    rewardId: string,
    memberId: string,
    units: number,
    limit: number,
  ): Promise<boolean> {
    const changed = await rawWrite(
      em,
      'UPDATE reward_holdings SET units = units + ? WHERE reward_id = ? AND member_id = ? AND units + ? <= ?',
      [units, rewardId, memberId, units, limit],
    );
    return changed > 0;
  }

  async releaseHolding(em: EntityManager, rewardId: string, memberId: string, units: number): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RewardHoldingEntity)
      .set({ units: () => 'units - :units' })
      .where('reward_id = :rewardId AND member_id = :memberId AND units >= :units', {
        rewardId,
        memberId,
        units,
      })
      .execute();
  }
}
