import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type Paginated,
  type PaginationQuery,
  PICKUP_CODE_ALPHABET,
  PICKUP_CODE_LENGTH,
  type RedeemabilityReason,
  type RedeemInput,
  redeemability,
  type Redemption,
  type RedemptionCancelled,
  type RedemptionCreated,
  type RedemptionFulfilled,
  type RedemptionsExpiryResult,
} from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseCursor, toPage } from '../../common/pagination/page';
import { hotTransaction } from '../../database/hot-transaction';
import { isUniqueViolation } from '../../database/unique-violation';
import { MembersService } from '../members/members.service';
import { AuditService, auditActor } from '../points/audit.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import type { RedemptionEntity } from './entities/redemption.entity';
import { REDEMPTION_KEYS, RedemptionsRepository } from './redemptions.repository';
import { toRedemption, toRedemptionCreated } from './rewards.mapper';
import { RewardsRepository } from './rewards.repository';
import { rewardNotFound } from './rewards.service';

/** The answer of a redemption and whether this request made it (201) or found it (200). */
export interface RedeemOutcome {
  created: boolean;
  body: RedemptionCreated;
}

const MAX_ATTEMPTS = 5;
const EXPIRY_BATCH = 200;

export function generatePickupCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++)
    code += PICKUP_CODE_ALPHABET[random(PICKUP_CODE_ALPHABET.length)];
  return code;
}

/**
 * The ledger's natural key for a redemption's debit and for its return: the redemption's own unique
 * key, known before its row exists (the row is inserted last).
 */
const ledgerRef = (memberId: string, idempotencyKey: string) => `redemption:${memberId}:${idempotencyKey}`;

/**
 * Redemptions: spending points and stock, pickup, cancellation and the return of what was never
 * picked up. Every change of points, stock and holdings for one redemption happens in one transaction,
 * each through a conditional update, so concurrent requests can neither oversell nor overspend.
 */
@Injectable()
export class RedemptionsService {
  private readonly logger = new Logger(RedemptionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rewards: RewardsRepository,
    private readonly redemptions: RedemptionsRepository,
    private readonly members: MembersService,
    private readonly points: PointsLedgerService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The rule's verdict gives the member the right reason quickly; the transaction's conditional
   * updates are what count. Locks are taken in one order everywhere (holding, member, reward), the
   * reward row, which every member contends for, last and briefly. A retry with the same key meets
   * the first one's unique key at the insert, rolls back whole and answers with the first redemption;
   * one refused before it gets there (its points are spent now) is checked against the first too.
   */
  async redeem(
    user: AuthUser,
    rewardId: string,
    input: RedeemInput,
    idempotencyKey: string,
    now = new Date(),
  ): Promise<RedeemOutcome> {
    // No lookup of the key up front: a new redemption (the usual case) would pay for it every time.
    try {
      return await this.redeemOnce(user.sub, rewardId, input, idempotencyKey, now);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const earlier = await this.redemptions.findByKey(user.sub, idempotencyKey);
      if (earlier) return this.replay(earlier, rewardId, input);
      throw err;
    }
  }

  private async redeemOnce(
    memberId: string,
    rewardId: string,
    input: RedeemInput,
    idempotencyKey: string,
    now: Date,
  ): Promise<RedeemOutcome> {
    const found = await this.rewards.forRedemption(rewardId, memberId);
    if (!found) throw rewardNotFound(rewardId);
    const { reward, held } = found;
    const member = await this.points.spendingStanding(memberId, now);
    if (!member) throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
    const verdict = redeemability({
      reward,
      member: { tier: member.tier, spendablePoints: member.spendable },
      alreadyRedeemed: held ?? 0,
      quantity: input.quantity,
      now,
    });
    if (!verdict.redeemable) throw refusal(verdict.reason);
    const pointsSpent = reward.pointsCost * input.quantity;
    for (let attempt = 1; ; attempt++) {
      try {
        if (held === undefined) await this.rewards.ensureHolding(rewardId, memberId);
        const created = await hotTransaction(this.dataSource, async (em) => {
          if (
            !(await this.rewards.takeHolding(em, rewardId, memberId, input.quantity, reward.perMemberLimit))
          ) {
            throw refusal('LIMIT_REACHED');
          }
          const entry = await this.points
            .debit(em, {
              memberId,
              points: pointsSpent,
              kind: 'redeem',
              ref: ledgerRef(memberId, idempotencyKey),
              at: now,
              allowNegative: false,
            })
            .catch((err: unknown) => {
              // The same answer as the rule's, whichever of the two noticed first.
              throw err instanceof DomainError && err.code === ErrorCode.POINTS_INSUFFICIENT
                ? refusal('POINTS_INSUFFICIENT')
                : err;
            });
          if (!(await this.rewards.takeStock(em, rewardId, input.quantity))) throw refusal('OUT_OF_STOCK');
          // Last: its foreign keys take shared locks on the member and reward rows, which this
          // transaction already holds exclusively; inserted first, they would deadlock with the
          // exclusive locks of concurrent redemptions.
          const code = generatePickupCode();
          const id = await this.redemptions.insert(em, {
            memberId,
            rewardId,
            quantity: input.quantity,
            pointsSpent,
            balanceAfter: entry.balanceAfter,
            code,
            idempotencyKey,
            createdAt: now,
          });
          return { id, code, balanceAfter: entry.balanceAfter };
        });
        // Answered from what was just written: reading the row back cost a query per redemption.
        return {
          created: true,
          body: toRedemptionCreated({
            id: created.id,
            code: created.code,
            pointsSpent,
            balanceAfter: created.balanceAfter,
          }),
        };
      } catch (err) {
        if (isUniqueViolation(err, REDEMPTION_KEYS.memberKey)) {
          // The same key sent twice at once: the other request made it.
          const first = await this.redemptions.findByKey(memberId, idempotencyKey);
          if (first) return this.replay(first, rewardId, input);
        }
        const retry = isUniqueViolation(err, REDEMPTION_KEYS.code) || isTransientLockError(err);
        if (!retry || attempt >= MAX_ATTEMPTS) throw err;
        this.logger.warn({ attempt, rewardId }, 'redemption retried after a code clash or deadlock');
      }
    }
  }

  async listMine(user: AuthUser, query: PaginationQuery): Promise<Paginated<Redemption>> {
    const rows = await this.redemptions.listForMember(user.sub, parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toRedemption);
  }

  /** A clerk scans the pickup code and hands the reward over; only an awaiting redemption can be. */
  async fulfil(user: AuthUser, code: string, now = new Date()): Promise<RedemptionFulfilled> {
    const row = await this.redemptions.findByCode(code);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No redemption with this pickup code');
    const done = await this.redemptions.leaveAwaitingPickup(this.dataSource.manager, row.id, 'fulfilled', {
      fulfilledAt: now,
      fulfilledBy: user.sub,
      fulfilledStoreId: user.storeId ?? null,
    });
    const after = (await this.redemptions.findById(row.id)) as RedemptionEntity;
    if (!done) {
      if (after.status === 'fulfilled') {
        throw new DomainError(ErrorCode.ALREADY_FULFILLED, 'This redemption was already handed over', {
          fulfilledAt: after.fulfilledAt?.toISOString(),
        });
      }
      throw new DomainError(
        ErrorCode.CONFLICT,
        `This redemption was ${after.status}; there is nothing to hand over`,
        {
          status: after.status,
        },
      );
    }
    const member = await this.members.getOwn(after.memberId);
    return {
      ...toRedemption(after),
      status: 'fulfilled',
      member: { id: after.memberId, memberNo: member?.memberNo ?? '', name: member?.name ?? '' },
    };
  }

  /**
   * Before pickup, the member (their own only: another's is 404) or a manager cancels and the points,
   * the stock and the member's limit come back. Cancelling again answers the same, refunding nothing.
   */
  async cancel(user: AuthUser, id: string, now = new Date()): Promise<RedemptionCancelled> {
    const row = await this.redemptions.findById(id);
    if (!row || (user.role === 'member' && row.memberId !== user.sub)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No redemption with id ${id}`);
    }
    const byManager = user.role === 'manager';
    const returned = await this.giveBack(row, 'cancelled', now, byManager ? user.sub : null, async (em) => {
      if (!byManager) return;
      await this.audit.record(
        em,
        {
          actor: auditActor(user),
          action: 'redemption.cancel',
          entity: 'redemption',
          entityId: row.id,
          before: { status: row.status, memberId: row.memberId, rewardId: row.rewardId },
          after: { status: 'cancelled', pointsReturned: row.pointsSpent, stockReturned: row.quantity },
        },
        now,
      );
    });
    const after = (await this.redemptions.findById(id)) as RedemptionEntity;
    if (after.status === 'fulfilled') {
      throw new DomainError(ErrorCode.NOT_CANCELLABLE, 'This redemption was already handed over');
    }
    const balance = returned ?? (await this.points.balance(undefined, after.memberId, now)).balance;
    return {
      ...toRedemption(after),
      status: after.status as RedemptionCancelled['status'],
      pointsReturned: after.pointsSpent,
      balance,
    };
  }

  /**
   * The `redemptions-expiry` job: every redemption still awaiting pickup when its reward has ended is
   * returned (points, stock, limit). Each return is its own conditional update, so running the job
   * twice, or beside a clerk's fulfilment, returns nothing twice.
   */
  async returnExpired(now = new Date()): Promise<RedemptionsExpiryResult> {
    let returned = 0;
    for (;;) {
      const rows = await this.redemptions.awaitingPickupOfEnded(now, EXPIRY_BATCH);
      for (const row of rows) {
        if ((await this.giveBack(row, 'returned', now, null)) !== null) returned += 1;
      }
      if (rows.length < EXPIRY_BATCH)
        return { job: 'redemptions-expiry', ranAt: now.toISOString(), effects: { returned } };
    }
  }

  /**
   * Takes the redemption out of `awaiting_pickup` and returns what it took, in the lock order the
   * redemption used (holding, member, reward). The member's balance after, or null when another
   * request had already moved it on.
   */
  private async giveBack(
    row: RedemptionEntity,
    to: 'cancelled' | 'returned',
    now: Date,
    cancelledBy: string | null,
    alsoInTransaction?: (em: EntityManager) => Promise<void>,
  ): Promise<number | null> {
    return this.dataSource.transaction(async (em: EntityManager) => {
      if (!(await this.redemptions.leaveAwaitingPickup(em, row.id, to, { cancelledAt: now, cancelledBy }))) {
        return null;
      }
      await this.rewards.releaseHolding(em, row.rewardId, row.memberId, row.quantity);
      // A free redemption (a birthday gift voucher) spent no points, so none go back.
      const balanceAfter =
        row.pointsSpent > 0
          ? (
              await this.points.credit(em, {
                memberId: row.memberId,
                points: row.pointsSpent,
                kind: 'redeem_cancel',
                ref: ledgerRef(row.memberId, row.idempotencyKey),
                at: now,
              })
            ).balanceAfter
          : (await this.points.balance(em, row.memberId, now)).balance;
      await this.rewards.returnStock(em, row.rewardId, row.quantity);
      await alsoInTransaction?.(em);
      return balanceAfter;
    });
  }

  /** Same key: the first answer; same key with another reward or quantity: 409. */
  private replay(first: RedemptionEntity, rewardId: string, input: RedeemInput): RedeemOutcome {
    if (first.rewardId !== rewardId || first.quantity !== input.quantity) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        'This Idempotency-Key was already used for another redemption',
        { redemptionId: first.id },
      );
    }
    return { created: false, body: toRedemptionCreated(first) };
  }
}

/** A redemption refused for `reason`; outside the window it is NOT_ELIGIBLE, the reason in details. */
function refusal(reason: RedeemabilityReason): DomainError {
  const code =
    reason === 'NOT_AVAILABLE_YET' || reason === 'EXPIRED' ? ErrorCode.NOT_ELIGIBLE : ErrorCode[reason];
  return new DomainError(code, REFUSALS[reason], { reason });
}

const REFUSALS: Record<RedeemabilityReason, string> = {
  NOT_ELIGIBLE: "This reward is not offered to the member's tier",
  NOT_AVAILABLE_YET: 'This reward cannot be redeemed yet',
  EXPIRED: 'This reward has ended',
  OUT_OF_STOCK: 'Not enough of this reward is left',
  LIMIT_REACHED: 'The member already holds as many of this reward as one member may',
  POINTS_INSUFFICIENT: 'Not enough points to spend',
};

/** A deadlock or lock timeout: the transaction was rolled back whole and may simply run again. */
function isTransientLockError(err: unknown): boolean {
  const driverError = (err as { driverError?: { code?: unknown; errno?: unknown } } | null)?.driverError;
  const code = driverError?.code ?? (err as { code?: unknown } | null)?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}
