import { Injectable } from '@nestjs/common';
import type { ReferralRefusal, ReferralStatus } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { rawQuery, rawWrite } from '../../database/raw-write';
import { ErasedPhoneEntity } from './entities/erased-phone.entity';
import { ReferralEntity } from './entities/referral.entity';

export interface NewReferral {
  referrerId: string;
  referredId: string;
  boundAt: Date;
  status: ReferralStatus;
  refusalReason: ReferralRefusal | null;
}

/** A paid referral and what it paid each side. */
export interface RewardedReferral {
  id: string;
  referrerId: string;
  referredId: string;
  referrerPoints: number;
  referredPoints: number;
}

/** A referral as its referrer sees it, with the referred member's name and joining date. */
export interface ReferralRow {
  name: string;
  joinedAt: Date;
  status: ReferralStatus;
  refusalReason: ReferralRefusal | null;
  referrerPoints: number;
}

@Injectable()
export class ReferralsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless the referred member has a referral already: the first code wins. */
  async insertUnlessBound(em: EntityManager, values: NewReferral): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(ReferralEntity)
      .values({ ...values, rewardedAt: null, purchaseId: null, referrerPoints: 0, referredPoints: 0 })
      .orIgnore()
      .execute();
  }

  async isErasedPhone(em: EntityManager, phoneHash: string): Promise<boolean> {
    return (await em.getRepository(ErasedPhoneEntity).countBy({ phoneHash })) > 0;
  }

  async recordErasedPhone(em: EntityManager, phoneHash: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(ErasedPhoneEntity)
      .values({ phoneHash, erasedAt: at })
      .orIgnore()
      .execute();
  }

  /**
   * True when the referrer's phone is the phone of an active clerk of `storeId`: a clerk's own code
   * cannot bring in the customers of their own counter.
   */
  async isActiveClerkPhoneAt(em: EntityManager, referrerId: string, storeId: string): Promise<boolean> {
    const rows = await rawQuery<{ id: unknown }>(
      em,
      `SELECT s.id FROM members m JOIN staff s ON s.phone = m.phone
       WHERE m.id = ? AND s.role = 'clerk' AND s.active = 1 AND s.store_id = ? LIMIT 1`,
      [referrerId, storeId],
    );
    return rows.length > 0;
  }

  /** The rewarded referral whose qualifying purchase this is, if any. */
  async findRewardedByPurchase(em: EntityManager, purchaseId: string): Promise<RewardedReferral | null> {
    const [row] = await rawQuery<Record<string, unknown>>(
      em,
      "SELECT id, referrer_id, referred_id, referrer_points, referred_points FROM referrals WHERE purchase_id = ? AND status = 'rewarded'",
      [purchaseId],
    );
    return row
      ? {
          id: String(row.id),
          referrerId: String(row.referrer_id),
          referredId: String(row.referred_id),
          referrerPoints: Number(row.referrer_points),
          referredPoints: Number(row.referred_points),
        }
      : null;
  }

  /** Rewarded → reversed; false when another refund reversed it first. */
  async markReversed(em: EntityManager, id: string): Promise<boolean> {
    return (
      (await rawWrite(em, "UPDATE referrals SET status = 'reversed' WHERE id = ? AND status = 'rewarded'", [
        id,
      ])) > 0
    );
  }

  /** The referral still waiting for a qualifying purchase of this member: one unique-index lookup. */
  async findBound(em: EntityManager, referredId: string): Promise<{ id: string; referrerId: string } | null> {
    const rows = await rawQuery<{ id: string | number; referrer_id: string | number }>(
      em,
      "SELECT id, referrer_id FROM referrals WHERE referred_id = ? AND status = 'bound'",
      [referredId],
    );
    return rows.length === 0 ? null : { id: String(rows[0].id), referrerId: String(rows[0].referrer_id) };
  }

  /**
   * Locks the referrer's row so two referred members' purchases count the monthly cap one after
   * the other; false when the referrer has been erased since.
   */
  async lockLiveMember(em: EntityManager, memberId: string): Promise<boolean> {
    const forUpdate = em.connection.driver.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
    const rows = await rawQuery<{ erased_at: unknown }>(
      em,
      `SELECT erased_at FROM members WHERE id = ?${forUpdate}`,
      [memberId],
    );
    return rows.length > 0 && rows[0].erased_at === null;
  }

  /**
   * A locking read on MySQL: under REPEATABLE READ a plain count reads the snapshot taken at the
   * transaction's first read, before it waited for the referrer's lock, and so misses the rewards of
   * the purchases it queued behind (16 paid under a cap of 10 when friends bought at once).
   */
  async countRewarded(em: EntityManager, referrerId: string, from: Date, to: Date): Promise<number> {
    const lock = em.connection.driver.options.type === 'better-sqlite3' ? '' : ' LOCK IN SHARE MODE';
    const [row] = await rawQuery<{ n: unknown }>(
      em,
      `SELECT COUNT(*) AS n FROM referrals
       WHERE referrer_id = ? AND status = 'rewarded' AND rewarded_at >= ? AND rewarded_at < ?${lock}`,
      [referrerId, from, to],
    );
    return Number(row?.n ?? 0);
  }

  /** Settles a bound referral; false when another purchase settled it first. */
  async settle(
    em: EntityManager,
    id: string,
    values: {
      status: 'rewarded' | 'refused';
      refusalReason: ReferralRefusal | null;
      at: Date;
      purchaseId: string;
      referrerPoints: number;
      referredPoints: number;
    },
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ReferralEntity)
      .set({
        status: values.status,
        refusalReason: values.refusalReason,
        rewardedAt: values.at,
        purchaseId: values.purchaseId,
        referrerPoints: values.referrerPoints,
        referredPoints: values.referredPoints,
      })
      .where("id = :id AND status = 'bound'", { id })
      .execute();
    const changed = result.affected ?? 0;
    return changed > 0;
  }

  /** Everyone bound to this referrer, newest first. */
  async listForReferrer(referrerId: string, limit: number): Promise<ReferralRow[]> {
    const rows = await this.dataSource
      .getRepository(ReferralEntity)
      .createQueryBuilder('r')
      .innerJoin('r.referred', 'm')
      .select([
        'r.id',
        'r.status',
        'r.refusalReason',
        'r.referrerPoints',
        'r.boundAt',
        'm.id',
        'm.name',
        'm.joinedAt',
      ])
      .where('r.referrerId = :referrerId', { referrerId })
      .orderBy('r.id', 'DESC')
      .take(limit)
      .getMany();
    return rows.map((r) => ({
      name: r.referred?.name ?? '',
      joinedAt: r.referred?.joinedAt ?? r.boundAt,
      status: r.status,
      refusalReason: r.refusalReason,
      referrerPoints: r.status === 'reversed' ? 0 : r.referrerPoints,
    }));
  }

  /** Bound-or-rewarded referrals (refused at binding not counted), and the rewarded ones. */
  async countsFor(referrerId: string): Promise<{ invited: number; rewarded: number }> {
    const rows = await this.dataSource
      .getRepository(ReferralEntity)
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('r.refusal_reason', 'reason')
      .addSelect('COUNT(*)', 'n')
      .where('r.referrerId = :referrerId', { referrerId })
      .groupBy('r.status')
      .addGroupBy('r.refusal_reason')
      .getRawMany<{ status: ReferralStatus; reason: ReferralRefusal | null; n: string | number }>();
    let invited = 0;
    let rewarded = 0;
    for (const row of rows) {
      const n = Number(row.n);
      if (row.status === 'rewarded') rewarded += n;
      if (row.status !== 'refused' || row.reason === 'monthly_cap') invited += n;
    }
    return { invited, rewarded };
  }
}
