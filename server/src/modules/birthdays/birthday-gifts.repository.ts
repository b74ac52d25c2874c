import { Injectable } from '@nestjs/common';
import type { BirthdayGift, BirthdayGiftSettings, Tier } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate, rawInsert, rawQuery, rawWrite } from '../../database/raw-write';
import { isUniqueViolation } from '../../database/unique-violation';
import { generatePickupCode } from '../rewards/redemptions.service';
import { BirthdayGiftSettingsEntity } from './entities/birthday-gift-settings.entity';

/** A member of the month as the job reads them. */
export interface MonthMember {
  id: string;
  tier: Tier;
  points: number;
  birthMd: number;
  birthdaySetAt: Date | null;
  /** True when this year's gift row already exists (given, or claimed by a run still paying it). */
  gifted: boolean;
}

/** A gift about to be claimed for a member. */
export interface GiftClaim {
  memberId: string;
  gift: BirthdayGift;
}

const SETTINGS_ID = 1;
/** Rows per multi-row INSERT. */
const INSERT_CHUNK = 500;
const CODE_ATTEMPTS = 4;
const PICKUP_CODE_KEY = { name: 'uq_redemptions_code', table: 'redemptions', columns: ['code'] };

const insertIgnore = (em: EntityManager) =>
  em.connection.driver.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';

/** Birthday gift settings, this year's claims, and the gift vouchers (raw SQL: the job's hot path). */
@Injectable()
export class BirthdayGiftsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async settings(): Promise<BirthdayGiftSettingsEntity | null> {
    return this.dataSource.getRepository(BirthdayGiftSettingsEntity).findOneBy({ id: SETTINGS_ID });
  }

  async saveSettings(settings: BirthdayGiftSettings, now: Date): Promise<void> {
    await this.dataSource.getRepository(BirthdayGiftSettingsEntity).save({
      id: SETTINGS_ID,
      gifts: settings.gifts,
      guardDays: settings.guardDays,
      updatedAt: now,
    });
  }

  /** The kind of each reward among `ids` that exists. */
  async rewardKinds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await rawQuery<{ id: unknown; kind: string }>(
      this.dataSource.manager,
      `SELECT id, kind FROM rewards WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(rows.map((r) => [String(r.id), r.kind]));
  }

  /**
   * One page of the members whose birthday key is `birthMd`, after `afterId` in id order: an equality on
   * the indexed `birth_md` (InnoDB's secondary index is (birth_md, id)), so each page is an index range.
   */
  async membersBornOn(birthMd: number, year: number, afterId: string, limit: number): Promise<MonthMember[]> {
    const rows = await rawQuery<{
      id: unknown;
      tier: Tier;
      points: unknown;
      birthday_set_at: unknown;
      gift_id: unknown;
    }>(
      this.dataSource.manager,
      'SELECT m.id, m.tier, m.points, m.birthday_set_at, g.id AS gift_id FROM members m' +
        ' LEFT JOIN birthday_gifts g ON g.member_id = m.id AND g.year = ?' +
        ' WHERE m.birth_md = ? AND m.id > ? AND m.erased_at IS NULL ORDER BY m.id LIMIT ?',
      [year, birthMd, afterId, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      tier: r.tier,
      points: Number(r.points),
      birthMd,
      birthdaySetAt: r.birthday_set_at === null ? null : rawDate(r.birthday_set_at),
      gifted: r.gift_id !== null,
    }));
  }

  /**
   * Claims this year's gift for each member (INSERT IGNORE on (member_id, year)) and answers the member
   * ids that are this claim's: a row another run holds blocks here until that run commits, then is
   * skipped. Vouchers are recorded as given; `markOutOfStock` corrects the ones the stock did not cover.
   */
  async claim(
    em: EntityManager,
    claims: GiftClaim[],
    year: number,
    claim: string,
    now: Date,
  ): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    for (let i = 0; i < claims.length; i += INSERT_CHUNK) {
      const chunk = claims.slice(i, i + INSERT_CHUNK);
      await rawWrite(
        em,
        `${insertIgnore(em)} INTO birthday_gifts (member_id, year, kind, points, reward_id, outcome, claim, created_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap(({ memberId, gift }) => [
          memberId,
          year,
          gift.kind,
          gift.kind === 'points' ? gift.points : null,
          gift.kind === 'reward' ? gift.rewardId : null,
          gift.kind === 'points' ? 'points' : 'voucher',
          claim,
          now,
        ]),
      );
    }
    const ids = claims.map((c) => c.memberId);
    const rows = await rawQuery<{ member_id: unknown; claim: string }>(
      em,
      `SELECT member_id, claim FROM birthday_gifts WHERE year = ? AND member_id IN (${ids.map(() => '?').join(', ')})`,
      [year, ...ids],
    );
    return new Set(rows.filter((r) => r.claim === claim).map((r) => String(r.member_id)));
  }

  /**
   * One unit of the voucher for the member, free, awaiting pickup like any redemption; null when none is
   * left or the reward has ended. The stock is a conditional update, so it never goes below zero.
   */
  async giveVoucher(
    em: EntityManager,
    input: { memberId: string; rewardId: string; year: number; balance: number; now: Date },
  ): Promise<string | null> {
    const taken = await rawWrite(
      em,
      'UPDATE rewards SET stock_left = stock_left - 1 WHERE id = ? AND stock_left >= 1 AND available_to > ?',
      [input.rewardId, input.now],
    );
    if (taken === 0) return null;
    for (let attempt = 1; ; attempt++) {
      try {
        return await rawInsert(
          em,
          'INSERT INTO redemptions (member_id, reward_id, quantity, points_spent, balance_after, status, code,' +
            " idempotency_key, created_at) VALUES (?, ?, 1, 0, ?, 'awaiting_pickup', ?, ?, ?)",
          [
            input.memberId,
            input.rewardId,
            input.balance,
            generatePickupCode(),
            `birthday:${input.year}`,
            input.now,
          ],
        );
      } catch (err) {
        // A pickup code clash only fails the statement; another code is tried in the same transaction.
        if (!isUniqueViolation(err, PICKUP_CODE_KEY) || attempt >= CODE_ATTEMPTS) throw err;
      }
    }
  }

  async recordVoucher(
    em: EntityManager,
    memberId: string,
    year: number,
    redemptionId: string | null,
  ): Promise<void> {
    await rawWrite(
      em,
      'UPDATE birthday_gifts SET outcome = ?, redemption_id = ? WHERE member_id = ? AND year = ?',
      [redemptionId === null ? 'out_of_stock' : 'voucher', redemptionId, memberId, year],
    );
  }
}
