import { Injectable } from '@nestjs/common';
import type { RedemptionStatus } from '@vip-club/shared';
import { DataSource, type EntityManager, LessThan, LessThanOrEqual } from 'typeorm';
import { rawInsert } from '../../database/raw-write';
import { RedemptionEntity } from './entities/redemption.entity';

export type NewRedemption = Pick<
  RedemptionEntity,
  | 'memberId'
  | 'rewardId'
  | 'quantity'
  | 'pointsSpent'
  | 'balanceAfter'
  | 'code'
  | 'idempotencyKey'
  | 'createdAt'
>;

/** The names of the unique keys a redemption insert can hit (MySQL names the index, SQLite the columns). */
export const REDEMPTION_KEYS = {
  memberKey: {
    name: 'uq_redemptions_member_key',
    table: 'redemptions',
    columns: ['member_id', 'idempotency_key'],
  },
  code: { name: 'uq_redemptions_code', table: 'redemptions', columns: ['code'] },
};

@Injectable()
export class RedemptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** Inserted awaiting pickup (raw, see database/raw-write.ts: the redemption's hot path). */
  insert(em: EntityManager, values: NewRedemption): Promise<string> {
    return rawInsert(
      em,
      'INSERT INTO redemptions (member_id, reward_id, quantity, points_spent, balance_after, status, code,' +
        " idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, 'awaiting_pickup', ?, ?, ?)",
      [
        values.memberId,
        values.rewardId,
        values.quantity,
        values.pointsSpent,
        values.balanceAfter,
        values.code,
        values.idempotencyKey,
        values.createdAt,
      ],
    );
  }

  findById(id: string, em?: EntityManager): Promise<RedemptionEntity | null> {
    return this.manager(em).findOne(RedemptionEntity, { where: { id }, relations: { reward: true } });
  }

  findByCode(code: string, em?: EntityManager): Promise<RedemptionEntity | null> {
    return this.manager(em).findOne(RedemptionEntity, { where: { code }, relations: { reward: true } });
  }

  findByKey(memberId: string, idempotencyKey: string, em?: EntityManager): Promise<RedemptionEntity | null> {
    return this.manager(em).findOneBy(RedemptionEntity, { memberId, idempotencyKey });
  }

  /** Newest first, `limit` redemptions older than the `beforeId` cursor. */
  listForMember(memberId: string, beforeId: string | undefined, limit: number): Promise<RedemptionEntity[]> {
    return this.manager().find(RedemptionEntity, {
      where: beforeId === undefined ? { memberId } : { memberId, id: LessThan(beforeId) },
      relations: { reward: true },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** Redemptions still awaiting pickup of rewards that ended by `now`, oldest first. */
  awaitingPickupOfEnded(now: Date, limit: number): Promise<RedemptionEntity[]> {
    return this.manager().find(RedemptionEntity, {
      where: { status: 'awaiting_pickup', reward: { availableTo: LessThanOrEqual(now) } },
      relations: { reward: true },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Moves a redemption out of `awaiting_pickup` (and only out of it): the one conditional update that
   * decides whether a fulfilment, a cancellation or a return happens, whatever runs at the same time.
   */
  async leaveAwaitingPickup(
    em: EntityManager,
    id: string,
    to: Exclude<RedemptionStatus, 'awaiting_pickup'>,
    changes: Partial<
      Pick<
        RedemptionEntity,
        'fulfilledAt' | 'fulfilledBy' | 'fulfilledStoreId' | 'cancelledAt' | 'cancelledBy'
      >
    >,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(RedemptionEntity)
      .set({ ...changes, status: to })
      .where('id = :id AND status = :from', { id, from: 'awaiting_pickup' })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
