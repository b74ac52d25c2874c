import { Injectable } from '@nestjs/common';
import {
  type CreateRewardInput,
  ErrorCode,
  type Paginated,
  type PaginationQuery,
  redeemability,
  type Reward,
  type RewardForMember,
  type UpdateRewardInput,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { MembersService } from '../members/members.service';
import { AuditService, auditActor } from '../points/audit.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import type { RewardEntity } from './entities/reward.entity';
import { toReward, toRewardForMember } from './rewards.mapper';
import { RewardsRepository } from './rewards.repository';

/** Rewards as managers edit them and as members browse them. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rewards: RewardsRepository,
    private readonly members: MembersService,
    private readonly points: PointsLedgerService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, input: CreateRewardInput, now = new Date()): Promise<Reward> {
    return this.dataSource.transaction(async (em) => {
      const reward = toReward(
        await this.rewards.insert(
          {
            name: input.name,
            description: input.description,
            kind: input.kind,
            pointsCost: input.pointsCost,
            stock: input.stock,
            stockLeft: input.stock,
            perMemberLimit: input.perMemberLimit,
            tiers: input.tiers,
            availableFrom: new Date(input.availableFrom),
            availableTo: new Date(input.availableTo),
            imageUrl: input.imageUrl ?? null,
            createdAt: now,
            updatedAt: now,
          },
          em,
        ),
      );
      await this.audit.record(
        em,
        {
          actor: auditActor(user),
          action: 'reward.create',
          entity: 'reward',
          entityId: reward.id,
          before: null,
          after: reward,
        },
        now,
      );
      return reward;
    });
  }

  /**
   * A new `stock` moves what is left by the same amount in one conditional update; below what members
   * already hold it is 409 CONFLICT. A window given by halves is checked against the stored half.
   */
  async update(user: AuthUser, id: string, input: UpdateRewardInput, now = new Date()): Promise<Reward> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.rewards.findById(id, em);
      if (!current) throw rewardNotFound(id);
      const availableFrom =
        input.availableFrom === undefined ? current.availableFrom : new Date(input.availableFrom);
      const availableTo = input.availableTo === undefined ? current.availableTo : new Date(input.availableTo);
      if (availableTo.getTime() <= availableFrom.getTime()) {
        throw validationError([{ path: 'availableTo', message: 'must be later than availableFrom' }]);
      }
      if (input.stock !== undefined && !(await this.rewards.restock(id, input.stock, em))) {
        const held = current.stock - current.stockLeft;
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Members already hold ${held} of this reward; the stock cannot be less`,
          { field: 'stock', held },
        );
      }
      await this.rewards.update(
        id,
        {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.description === undefined ? {} : { description: input.description }),
          ...(input.kind === undefined ? {} : { kind: input.kind }),
          ...(input.pointsCost === undefined ? {} : { pointsCost: input.pointsCost }),
          ...(input.perMemberLimit === undefined ? {} : { perMemberLimit: input.perMemberLimit }),
          ...(input.tiers === undefined ? {} : { tiers: input.tiers }),
          ...(input.imageUrl === undefined ? {} : { imageUrl: input.imageUrl }),
          availableFrom,
          availableTo,
          updatedAt: now,
        },
        em,
      );
      const after = toReward((await this.rewards.findById(id, em)) as RewardEntity);
      await this.audit.record(
        em,
        {
          actor: auditActor(user),
          action: 'reward.update',
          entity: 'reward',
          entityId: id,
          before: toReward(current),
          after,
        },
        now,
      );
      return after;
    });
  }

  async listForManager(query: PaginationQuery): Promise<Paginated<Reward>> {
    const rows = await this.rewards.listNewestFirst(parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toReward);
  }

  /** Every reward that has not ended, with whether this member may redeem one now and why not. */
  async catalogue(
    user: AuthUser,
    query: PaginationQuery,
    now = new Date(),
  ): Promise<Paginated<RewardForMember>> {
    const rows = await this.rewards.listNotEnded(now, parseCursor(query.cursor), query.limit + 1);
    const judge = await this.judgeFor(user, rows, now);
    return toPage(rows, query.limit, judge);
  }

  async oneForMember(user: AuthUser, id: string, now = new Date()): Promise<RewardForMember> {
    const reward = await this.rewards.findById(id);
    if (!reward) throw rewardNotFound(id);
    return (await this.judgeFor(user, [reward], now))(reward);
  }

  /** The member's standing read once, then the shared rule for each reward (one unit). */
  private async judgeFor(
    user: AuthUser,
    rewards: RewardEntity[],
    now: Date,
  ): Promise<(reward: RewardEntity) => RewardForMember> {
    const member = await this.members.getOwn(user.sub);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    const spendablePoints = await this.points.spendableBalance(undefined, member.id, now);
    const held = await this.rewards.holdings(
      member.id,
      rewards.map((r) => r.id),
    );
    return (reward) => {
      const alreadyRedeemed = held.get(reward.id) ?? 0;
      const verdict = redeemability({
        reward,
        member: { tier: member.tier, spendablePoints },
        alreadyRedeemed,
        quantity: 1,
        now,
      });
      return toRewardForMember(reward, alreadyRedeemed, verdict);
    };
  }
}

export function rewardNotFound(id: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `No reward with id ${id}`);
}
