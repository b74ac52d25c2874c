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
  /** False for a member of the clerk's store who has no clerk (listed only for a call request). */
  isOwn: boolean;
}

/** Everything the worklist rule reads about one clerk's members, keyed by member id. */
export interface WorklistFactRows {
  members: WorklistMemberRow[];
  purchases: Map<string, { lastAt: Date; spend: number }>;
  purchasesNear: Map<string, Date[]>;
  lastContacts: Map<string, Date>;
  openFollowUps: Set<string>;
  lastCallMe: Map<string, Date>;
}

/**
 * The facts behind a clerk's worklist in six queries whatever the number of members: one per kind
 * of fact, each over the clerk's members at once (never one query per member). A member of the
 * clerk's store with no clerk of their own is included when they asked to be called.
 */
@Injectable()
export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  async factsOf(
    clerk: { id: string; storeId: string | null },
    window: { spendSince: Date; nearFrom: Date; nearTo: Date; callMeSince: Date },
  ): Promise<WorklistFactRows> {
    const clerkId = clerk.id;
    const em = this.dataSource.manager;
    const callMe = await em
      .createQueryBuilder()
      .from('inbox_replies', 'r')
      .innerJoin('members', 'm', 'm.id = r.member_id')
      .select('r.member_id', 'memberId')
      .addSelect('m.clerk_id', 'clerkId')
      .addSelect('MAX(r.created_at)', 'lastAt')
      // Only requests recent enough to count (older ones lapse in the rule; a day wider here, the rule
      // counting club days), so the read does not grow with every request ever sent.
      .where("r.kind = 'call_me' AND r.created_at >= :callMeSince AND m.erased_at IS NULL", {
        callMeSince: window.callMeSince,
      })
      .andWhere(
        clerk.storeId === null
          ? 'm.clerk_id = :clerkId'
          : '(m.clerk_id = :clerkId OR (m.clerk_id IS NULL AND m.store_id = :storeId))',
        { clerkId, storeId: clerk.storeId },
      )
      .groupBy('r.member_id')
      .addGroupBy('m.clerk_id')
      // Only requests nobody has answered yet (no contact after the latest; one at the same instant
      // came before it, as the rule says): answered ones would otherwise ride along in every query
      // below, for every clerk of the store, for ever.
      .having(
        'MAX(r.created_at) >= COALESCE((SELECT MAX(c.at) FROM member_contacts c WHERE c.member_id = r.member_id), MAX(r.created_at))',
      )
      .getRawMany<Record<string, unknown>>();
    const unassigned = callMe.filter((c) => c.clerkId === null).map((c) => String(c.memberId));
    const ownOr = unassigned.length > 0 ? ' OR m.id IN (:...unassigned)' : '';
    const who = `(m.clerk_id = :clerkId${ownOr}) AND m.erased_at IS NULL`;
    const mine = <T extends object>(q: SelectQueryBuilder<T>, alias: string) =>
      q.innerJoin('members', 'm', `m.id = ${alias}.member_id`).where(who, { clerkId, unassigned });

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
        'm.clerk_id AS clerkId',
      ])
      .from('members', 'm')
      .where(who, { clerkId, unassigned })
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
        isOwn: m.clerkId !== null,
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
      lastCallMe: new Map(callMe.map((c) => [String(c.memberId), rawDate(c.lastAt)])),
    };
  }
}
