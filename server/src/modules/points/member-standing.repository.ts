import { Injectable } from '@nestjs/common';
import type { Tier } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { rawQuery, rawWrite } from '../../database/raw-write';
import { MemberEntity } from '../members/entities/member.entity';

export type MemberStanding = Pick<
  MemberEntity,
  'tier' | 'qualifyingSpend' | 'points' | 'birthMonth' | 'birthDay'
>;

/**
 * The member columns the points economy owns: tier and the cached qualifying spend (the balance is
 * the ledger repository's). Writes are atomic updates; the first one in a transaction also locks the
 * member's row, which serialises that member's purchases and refunds.
 */
@Injectable()
export class MemberStandingRepository {
  /** Adds `delta` (either sign, never below zero) to the qualifying spend; false when no live member. */
  async addQualifyingSpend(em: EntityManager, memberId: string, delta: number): Promise<boolean> {
    const changed = await rawWrite(
      em,
      'UPDATE members SET qualifying_spend = CASE WHEN qualifying_spend + ? < 0 THEN 0 ELSE qualifying_spend + ? END' +
        ' WHERE id = ? AND erased_at IS NULL',
      [delta, delta, memberId],
    );
    return changed > 0;
  }

  /** What a purchase needs of the member, read without building the whole entity (the hot path). */
  async standingOf(em: EntityManager, memberId: string): Promise<MemberStanding | null> {
    const rows: Array<{
      [column: string]: unknown;
      tier: Tier;
      qualifying_spend: string | number;
      points: string | number;
      birth_month: number | null;
      birth_day: number | null;
    }> = await rawQuery(
      em,
      'SELECT tier, qualifying_spend, points, birth_month, birth_day FROM members WHERE id = ?',
      [memberId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      tier: row.tier,
      qualifyingSpend: Number(row.qualifying_spend),
      points: Number(row.points),
      birthMonth: row.birth_month === null ? null : Number(row.birth_month),
      birthDay: row.birth_day === null ? null : Number(row.birth_day),
    };
  }

  findById(em: EntityManager, memberId: string): Promise<MemberEntity | null> {
    return em.getRepository(MemberEntity).findOneBy({ id: memberId });
  }

  async setTier(em: EntityManager, memberId: string, tier: Tier): Promise<void> {
    await rawWrite(em, 'UPDATE members SET tier = ? WHERE id = ?', [tier, memberId]);
  }

  async setStanding(
    em: EntityManager,
    memberId: string,
    values: { tier: Tier; qualifyingSpend: number },
  ): Promise<void> {
    await em.getRepository(MemberEntity).update({ id: memberId }, values);
  }

  /** Locks the member's row for the rest of the transaction (SQLite runs one writer at a time anyway). */
  async lock(em: EntityManager, memberId: string): Promise<MemberEntity | null> {
    const query = em
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.id = :memberId', { memberId });
    if (em.connection.driver.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Live members after `afterId` in id order, with what the tier review needs. */
  liveMembersAfter(
    em: EntityManager,
    afterId: string,
    limit: number,
  ): Promise<Array<Pick<MemberEntity, 'id' | 'tier' | 'qualifyingSpend'>>> {
    return em
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .select(['m.id', 'm.tier', 'm.qualifyingSpend'])
      .where('m.id > :afterId AND m.erased_at IS NULL', { afterId })
      .orderBy('m.id', 'ASC')
      .take(limit)
      .getMany();
  }
}
