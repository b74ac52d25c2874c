import { Injectable } from '@nestjs/common';
import { ErrorCode, type LedgerEntry, type Tier } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { PointsLedgerEntryEntity } from '../members/entities/points-ledger-entry.entity';
import { toLedgerEntry } from '../members/members.mapper';
import { ClubCalendar } from './club-calendar';
import { ClubRulesService } from './club-rules.service';
import { PointsLedgerRepository } from './points-ledger.repository';

export type CreditKind = 'earn' | 'bonus' | 'redeem_cancel' | 'adjust';
export type DebitKind = 'redeem' | 'refund_reversal' | 'expire' | 'adjust';

export interface CreditInput {
  memberId: string;
  /** Positive whole points. */
  points: number;
  kind: CreditKind;
  /** With `kind`, the natural key: a second credit with the same pair returns the first entry. */
  ref: string;
  at: Date;
  /** Earnings only: before this they are pending (the return window); defaults to `at`. */
  availableAt?: Date;
  /** Earnings only: the rule set the points were computed with. */
  ruleSetId?: string | null;
}

export interface DebitInput {
  memberId: string;
  /** Positive whole points. */
  points: number;
  kind: DebitKind;
  ref: string;
  at: Date;
  /** True for reversals and corrections that must apply even below zero; false for spending. */
  allowNegative: boolean;
  /** The earning (ledger entry id) whose lot is drawn first: a refund reverses its own purchase's points. */
  fromEarningEntryId?: string;
}

/** What a member holds: all of it, what is pending, and what may be spent now. */
export interface PointsBalance {
  balance: number;
  pending: number;
  spendable: number;
}

const LOT_KINDS: ReadonlySet<string> = new Set(['earn', 'bonus']);
const MAX_POINTS = 1_000_000_000;

/**
 * The only writer of points. Every balance change is an appended ledger row plus an atomic update of
 * the cached `members.points`, in the caller's transaction; (kind, ref) is unique, so a retry never
 * applies twice. Earnings are lots that expire and are spent oldest first.
 */
@Injectable()
export class PointsLedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerRepository,
    private readonly rules: ClubRulesService,
    private readonly calendar: ClubCalendar,
  ) {}

  async credit(em: EntityManager, input: CreditInput): Promise<LedgerEntry> {
    assertPoints(input.points);
    // No lookup of (kind, ref) first: a credit is unconditional, so a retry can safely go as far as
    // the insert, where the unique key stops it and `append` undoes its update and answers the first
    // entry. A new credit (the usual case) saves a query.
    if (!(await this.ledger.addToBalance(em, input.memberId, input.points))) throw memberNotFound();
    const isLot = LOT_KINDS.has(input.kind);
    const expiresAt = isLot ? await this.expiryFor(em, input.at) : null;
    const entry = await this.append(em, input, input.points, expiresAt);
    if (entry.replayed) return toLedgerEntry(entry.row);
    if (isLot && expiresAt) {
      await this.ledger.insertLot(em, {
        ledgerEntryId: entry.row.id,
        memberId: input.memberId,
        points: input.points,
        remaining: input.points,
        availableAt: input.availableAt ?? input.at,
        expiresAt,
        ruleSetId: input.ruleSetId ?? null,
      });
    }
    return toLedgerEntry(entry.row);
  }

  /**
   * Spending (`allowNegative: false`) succeeds only when the balance less pending points covers it,
   * else 409 POINTS_INSUFFICIENT and nothing changes; reversals (`allowNegative: true`) always apply.
   */
  async debit(em: EntityManager, input: DebitInput): Promise<LedgerEntry> {
    assertPoints(input.points);
    // No lookup of (kind, ref) first, as for credits: a repeat that gets as far as the insert meets
    // the unique key there and `append` undoes its update and answers the first entry; a repeat that
    // is refused (no member, too few points left) is checked against the first entry before the
    // refusal stands. A new debit (the usual case) saves a query.
    if (input.allowNegative) {
      if (!(await this.ledger.addToBalance(em, input.memberId, -input.points))) {
        return this.firstEntryOr(em, input, memberNotFound());
      }
    } else if (!(await this.ledger.subtractIfSpendable(em, input.memberId, input.points, input.at))) {
      const refusal =
        (await this.ledger.balanceOf(em, input.memberId)) === null
          ? memberNotFound()
          : new DomainError(ErrorCode.POINTS_INSUFFICIENT, 'Not enough points to spend', {
              needed: input.points,
            });
      return this.firstEntryOr(em, input, refusal);
    }
    const entry = await this.append(em, input, -input.points, null);
    if (entry.replayed) return toLedgerEntry(entry.row);
    await this.consumeLots(em, input);
    return toLedgerEntry(entry.row);
  }

  /** The entry already recorded under (kind, ref), if any; otherwise `refusal` stands. */
  private async firstEntryOr(em: EntityManager, input: DebitInput, refusal: Error): Promise<LedgerEntry> {
    const first = await this.ledger.findEntry(em, input.kind, input.ref);
    if (first) return toLedgerEntry(first);
    throw refusal;
  }

  /**
   * The ledger entry of an earning named by its (kind, ref), for `fromEarningEntryId`: a reversal that
   * knows only the ref it credited under (a referral bonus) takes back that earning's own lot first.
   */
  async earningEntryId(em: EntityManager, kind: 'earn' | 'bonus', ref: string): Promise<string | null> {
    return (await this.ledger.findEntry(em, kind, ref))?.id ?? null;
  }

  /** Balance less pending points (negative when the balance is); what a redemption may spend. */
  async spendableBalance(
    em: EntityManager | undefined,
    memberId: string,
    at: Date = new Date(),
  ): Promise<number> {
    return (await this.balance(em, memberId, at)).spendable;
  }

  async balance(
    em: EntityManager | undefined,
    memberId: string,
    at: Date = new Date(),
  ): Promise<PointsBalance> {
    const manager = em ?? this.dataSource.manager;
    const read = await this.ledger.balanceAndPending(manager, memberId, at);
    if (read === null) throw memberNotFound();
    return { balance: read.balance, pending: read.pending, spendable: read.balance - read.pending };
  }

  /**
   * A live member's tier and spendable points (balance less pending) in one read: what a redemption
   * checks before it spends. Null when there is no such member (or the member was erased).
   */
  async spendingStanding(
    memberId: string,
    at: Date = new Date(),
  ): Promise<{ tier: Tier; spendable: number } | null> {
    const read = await this.ledger.spendingStanding(this.dataSource.manager, memberId, at);
    return read === null ? null : { tier: read.tier, spendable: read.balance - read.pending };
  }

  /** The member's points that expire soonest after `at` (null when none will). */
  expiringNext(
    em: EntityManager | undefined,
    memberId: string,
    at: Date = new Date(),
  ): Promise<{ points: number; expiresAt: Date } | null> {
    return this.ledger.expiringNext(em ?? this.dataSource.manager, memberId, at);
  }

  /**
   * The balance row is already updated (and, on MySQL, locked by this transaction), so the balance
   * the entry records is exact. A concurrent retry that lost the race on (kind, ref) undoes its own
   * update and answers with the winner's entry.
   */
  private async append(
    em: EntityManager,
    input: CreditInput | DebitInput,
    delta: number,
    expiresAt: Date | null,
  ): Promise<{ row: PointsLedgerEntryEntity; replayed: boolean }> {
    const values = {
      memberId: input.memberId,
      delta,
      kind: input.kind,
      ref: input.ref,
      createdAt: input.at,
      expiresAt,
    };
    const appended = await this.ledger.appendEntry(em, values);
    if (appended) return { row: { ...values, ...appended }, replayed: false };
    await this.ledger.addToBalance(em, input.memberId, -delta);
    const winner = await this.ledger.findCommittedEntry(em, input.kind, input.ref);
    if (!winner) throw new Error(`ledger entry ${input.kind}:${input.ref} clashed but cannot be read`);
    return { row: winner, replayed: true };
  }

  /**
   * Spends lots soonest-expiring first. Spending touches only available lots (pending points are not
   * spendable); a reversal draws first on its own earning, then on any lot, pending ones last. What no
   * lot covers comes from points that never expire (adjustments, returned redemptions) or goes below zero.
   */
  private async consumeLots(em: EntityManager, input: DebitInput): Promise<void> {
    const lots = await this.ledger.lotsWithPoints(em, input.memberId);
    const isAvailable = (lot: { availableAt: Date }) => lot.availableAt.getTime() <= input.at.getTime();
    const order = [
      ...lots.filter(
        (l) => input.fromEarningEntryId !== undefined && l.ledgerEntryId === input.fromEarningEntryId,
      ),
      ...lots.filter((l) => l.ledgerEntryId !== input.fromEarningEntryId && isAvailable(l)),
      ...(input.allowNegative
        ? lots.filter((l) => l.ledgerEntryId !== input.fromEarningEntryId && !isAvailable(l))
        : []),
    ];
    let left = input.points;
    for (const lot of order) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      await this.ledger.takeFromLot(em, lot.id, take);
      left -= take;
    }
  }

  private async expiryFor(em: EntityManager, at: Date): Promise<Date> {
    const { rules, timeZone } = await this.rules.active(em);
    return this.calendar.expiryAt(at, rules, timeZone);
  }
}

function assertPoints(points: number): void {
  if (!Number.isSafeInteger(points) || points <= 0 || points > MAX_POINTS) {
    throw new RangeError(`points must be a positive whole number up to ${MAX_POINTS}, got ${points}`);
  }
}

function memberNotFound(): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, 'No such member');
}
