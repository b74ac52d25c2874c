import { Injectable } from '@nestjs/common';
import type { Tier } from '@vip-club/shared';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { rawDate } from '../../database/raw-write';

export interface WorklistMemberRow {
  id: string;
  memberNo: string;
  name: string;
  tier: Tier;
  phone: string | null;
  birthMonth: number | null;
  birthDay: number | null;
  joinedAt: Date;
}

/** Everything the worklist rule reads about one clerk's members, keyed by member id. */
export interface WorklistFactRows {
  members: WorklistMemberRow[];
  purchases: Map<string, { lastAt: Date; spend: number }>;
  purchasesNear: Map<string, Date[]>;
  lastContacts: Map<string, Date>;
  openFollowUps: Set<string>;
}

/**
 * The facts behind a clerk's worklist in five queries whatever the number of members: one per kind
 * of fact, each over the clerk's members at once (never one query per member).
 */
@Injectable()
export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  async factsOf(
    clerkId: string,
    window: { spendSince: Date; nearFrom: Date; nearTo: Date },
  ): Promise<WorklistFactRows> {
    const mine = <T extends object>(q: SelectQueryBuilder<T>, alias: string) =>
      q
        .innerJoin('members', 'm', `m.id = ${alias}.member_id`)
        .where('m.clerk_id = :clerkId AND m.erased_at IS NULL', { clerkId });
    const em = this.dataSource.manager;

    const members = await em
      .createQueryBuilder()
      .select([
        'm.id AS id',
        'm.member_no AS memberNo',
        'm.name AS name',
        'm.tier AS tier',
        'm.phone AS phone',
        'm.birth_month AS birthMonth',
        'm.birth_day AS birthDay',
        'm.joined_at AS joinedAt',
      ])
      .from('members', 'm')
      .where('m.clerk_id = :clerkId AND m.erased_at IS NULL', { clerkId })
      .getRawMany<Record<string, unknown>>();

    const purchases = await mine(em.createQueryBuilder().from('purchases', 'p'), 'p')
      .select('p.member_id', 'memberId')
      .addSelect('MAX(p.occurred_at)', 'lastAt')
      .addSelect(
        'SUM(CASE WHEN p.occurred_at >= :spendSince THEN p.amount - p.refunded_amount ELSE 0 END)',
        'spend',
      )
      .setParameter('spendSince', window.spendSince)
      .groupBy('p.member_id')
      .getRawMany<Record<string, unknown>>();

    const near = await mine(em.createQueryBuilder().from('purchases', 'p'), 'p')
      .select('p.member_id', 'memberId')
      .addSelect('p.occurred_at', 'occurredAt')
      .andWhere('p.occurred_at >= :nearFrom AND p.occurred_at < :nearTo', {
        nearFrom: window.nearFrom,
        nearTo: window.nearTo,
      })
      .getRawMany<Record<string, unknown>>();

    const contacts = await mine(em.createQueryBuilder().from('member_contacts', 'c'), 'c')
      .select('c.member_id', 'memberId')
      .addSelect('MAX(c.at)', 'lastAt')
      .groupBy('c.member_id')
      .getRawMany<Record<string, unknown>>();

    const followUps = await mine(em.createQueryBuilder().from('follow_ups', 'f'), 'f')
      .select('DISTINCT f.member_id', 'memberId')
      .andWhere("f.status = 'open'")
      .getRawMany<Record<string, unknown>>();

    const purchasesNear = new Map<string, Date[]>();
    for (const row of near) {
      const id = String(row.memberId);
      purchasesNear.set(id, [...(purchasesNear.get(id) ?? []), rawDate(row.occurredAt)]);
    }
    return {
      members: members.map((m) => ({
        id: String(m.id),
        memberNo: String(m.memberNo),
        name: String(m.name),
        tier: m.tier as Tier,
        phone: m.phone === null ? null : String(m.phone),
        birthMonth: m.birthMonth === null ? null : Number(m.birthMonth),
        birthDay: m.birthDay === null ? null : Number(m.birthDay),
        joinedAt: rawDate(m.joinedAt),
      })),
      purchases: new Map(
        purchases.map((p) => [
          String(p.memberId),
          { lastAt: rawDate(p.lastAt), spend: Number(p.spend ?? 0) },
        ]),
      ),
      purchasesNear,
      lastContacts: new Map(contacts.map((c) => [String(c.memberId), rawDate(c.lastAt)])),
      openFollowUps: new Set(followUps.map((f) => String(f.memberId))),
    };
  }
}
