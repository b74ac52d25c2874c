import { Injectable } from '@nestjs/common';
import {
  type AgeBand,
  ageBandRange,
  type Birthday,
  type EventAudienceMember,
  type EventAudienceRule,
  type Gender,
  isEligibleForEvent,
  type Tier,
  zonedDateParts,
} from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { rawQuery } from '../../database/raw-write';

/** A member an eligibility invites, with what the fan-out and the clerk's list need of them. */
export interface EligibleMember {
  id: string;
  memberNo: string;
  name: string;
  tier: Tier;
  storeId: string | null;
  clerkId: string | null;
}

export interface EligiblePage {
  members: EligibleMember[];
  /** Pass as `afterId` for the next page; null when no member is left. */
  nextAfterId: string | null;
}

export interface EligiblePageOptions {
  /** Only members looked after by this clerk (the clerk's invitable list). */
  clerkId?: string;
}

interface Sql {
  where: string;
  params: unknown[];
}

type Row = Record<string, unknown>;

const narrows = <T>(values: readonly T[] | undefined): values is readonly T[] =>
  values !== undefined && values.length > 0;

/**
 * Interests lists up to this many bytes are grouped in SQL as a VARCHAR (MySQL's LENGTH counts
 * bytes, so the cast never cuts one short); longer ones are read row by row.
 */
const SHORT_INTERESTS = 200;

/** Candidate rows read per statement while paging; large enough to be cheap, small enough to stream. */
const SCAN_CHUNK = 2000;

/**
 * Who an event's eligibility invites, for the audience count, the members' list, the invitations
 * fan-out and a clerk's invitable members. SQL narrows by what it can decide exactly (tier, gender,
 * home store) and roughly (birth years that can fall in the age bands, ±1 year), the shared
 * `isEligibleForEvent` decides each candidate, so the server and the mini-program never disagree.
 * Interests live in a JSON text column and are matched in JS by the shared rule, not with LIKE.
 */
@Injectable()
export class EventAudience {
  constructor(private readonly config: AppConfig) {}

  private get timeZone(): string {
    return this.config.club.timezone;
  }

  /**
   * How many live members the eligibility invites at `now`. Without age bands or interests the SQL
   * is exact and only counts; otherwise candidates are grouped by exactly the columns the JS rule
   * still reads (birth date, interests), so the rule runs once per distinct combination, not per member.
   */
  async countEligible(em: EntityManager, eligibility: EventAudienceRule, now: Date): Promise<number> {
    const picked = eligibility.memberIds ?? [];
    const pickedCount = picked.length === 0 ? 0 : await this.countLive(em, picked);
    const hasCriteria =
      narrows(eligibility.tiers) ||
      narrows(eligibility.genders) ||
      narrows(eligibility.storeIds) ||
      narrows(eligibility.ageBands) ||
      narrows(eligibility.interests);
    // Hand-picked alone invites only them; no criterion at all (and nobody picked) invites everyone.
    if (!hasCriteria && picked.length > 0) return pickedCount;

    const filter = this.criteriaSql(eligibility, now);
    const notPicked = picked.length === 0 ? '' : ` AND id NOT IN (${placeholders(picked)})`;
    const where = `erased_at IS NULL AND ${filter.where}${notPicked}`;
    const params = [...filter.params, ...picked];
    const byAge = narrows(eligibility.ageBands);
    const byInterest = narrows(eligibility.interests);
    if (!byAge && !byInterest) {
      const [row] = await rawQuery<Row>(em, `SELECT COUNT(*) AS n FROM members WHERE ${where}`, params);
      return Number(row.n) + pickedCount;
    }
    const ageColumns = byAge ? ['birth_year', 'birth_month', 'birth_day'] : [];
    // SQL already applied tiers, genders and stores exactly, and hand-picked members are counted apart.
    const rest: EventAudienceRule = { ageBands: eligibility.ageBands, interests: eligibility.interests };
    const counts = (rows: Row[]) =>
      rows.reduce((sum, row) => {
        const member: EventAudienceMember = {
          id: '',
          tier: 'friend',
          gender: 'other',
          birthday: byAge ? birthdayOf(row) : null,
          interests: byInterest ? interestsOf(row.interests) : [],
          storeId: null,
        };
        return isEligibleForEvent(member, rest, now, this.timeZone) ? sum + Number(row.n ?? 1) : sum;
      }, 0);
    if (!byInterest) {
      const columns = ageColumns.join(', ');
      return (
        pickedCount +
        counts(
          await rawQuery<Row>(
            em,
            `SELECT ${columns}, COUNT(*) AS n FROM members WHERE ${where} GROUP BY ${columns}`,
            params,
          ),
        )
      );
    }
    // Grouped as TEXT, MariaDB's temporary table leaves memory (~3x slower at 300k members); as a
    // short VARCHAR key it stays there. A longer list (rare: the cast would cut it) is its own group,
    // keyed by the member's id, and read whole afterwards by primary key: still one scan.
    const cast = `CAST(interests AS CHAR(${SHORT_INTERESTS}))`;
    const longId = `CASE WHEN LENGTH(interests) > ${SHORT_INTERESTS} THEN id ELSE 0 END`;
    const groups = await rawQuery<Row>(
      em,
      `SELECT ${[...ageColumns, `${cast} AS interests`, `${longId} AS long_id`].join(', ')}, COUNT(*) AS n
       FROM members WHERE ${where} GROUP BY ${[...ageColumns, cast, longId].join(', ')}`,
      params,
    );
    const short = groups.filter((g) => Number(g.long_id) === 0);
    const longIds = groups.filter((g) => Number(g.long_id) !== 0).map((g) => String(g.long_id));
    let count = pickedCount + counts(short);
    for (let i = 0; i < longIds.length; i += SCAN_CHUNK) {
      const ids = longIds.slice(i, i + SCAN_CHUNK);
      count += counts(
        await rawQuery<Row>(
          em,
          `SELECT ${[...ageColumns, 'interests'].join(', ')} FROM members WHERE id IN (${placeholders(ids)})`,
          ids,
        ),
      );
    }
    return count;
  }

  /**
   * Up to `limit` invited members with ids after `afterId`, in id order (keyset pages: stable while
   * members join, cheap to resume after a restart).
   */
  async eligibleMembersPage(
    em: EntityManager,
    eligibility: EventAudienceRule,
    now: Date,
    afterId: string | null,
    limit: number,
    options: EligiblePageOptions = {},
  ): Promise<EligiblePage> {
    const filter = this.audienceSql(eligibility, now);
    const clerk = options.clerkId === undefined ? '' : ' AND clerk_id = ?';
    const clerkParams = options.clerkId === undefined ? [] : [options.clerkId];
    const members: EligibleMember[] = [];
    let cursor = afterId;
    const chunk = Math.max(limit, SCAN_CHUNK);
    for (;;) {
      const after = cursor === null ? '' : ' AND id > ?';
      const rows = await rawQuery<Row>(
        em,
        `SELECT id, member_no, name, tier, gender, birth_year, birth_month, birth_day, interests, store_id, clerk_id
         FROM members WHERE erased_at IS NULL AND ${filter.where}${clerk}${after} ORDER BY id LIMIT ${chunk}`,
        [...filter.params, ...clerkParams, ...(cursor === null ? [] : [cursor])],
      );
      for (const row of rows) {
        const member = audienceMemberOf(row);
        if (!isEligibleForEvent(member, eligibility, now, this.timeZone)) continue;
        members.push({
          id: member.id,
          memberNo: String(row.member_no),
          name: String(row.name),
          tier: member.tier,
          storeId: member.storeId,
          clerkId: row.clerk_id === null ? null : String(row.clerk_id),
        });
        if (members.length === limit) return { members, nextAfterId: member.id };
      }
      if (rows.length < chunk) return { members, nextAfterId: null };
      cursor = String(rows[rows.length - 1].id);
    }
  }

  /** Whether the event invites this member at `now` (false for an erased or unknown member). */
  async isEligible(
    em: EntityManager,
    event: { eligibility: EventAudienceRule },
    memberId: string,
    now: Date,
  ): Promise<boolean> {
    return (await this.invitesMember(em, memberId, now))(event);
  }

  /**
   * The member read once, then a test per event (the members' events list judges every upcoming
   * event for one member). An erased or unknown member is invited to nothing.
   */
  async invitesMember(
    em: EntityManager,
    memberId: string,
    now: Date,
  ): Promise<(event: { eligibility: EventAudienceRule }) => boolean> {
    const [row] = await rawQuery<Row>(
      em,
      `SELECT id, tier, gender, birth_year, birth_month, birth_day, interests, store_id
       FROM members WHERE id = ? AND erased_at IS NULL`,
      [memberId],
    );
    if (row === undefined) return () => false;
    const member = audienceMemberOf(row);
    return (event) => isEligibleForEvent(member, event.eligibility, now, this.timeZone);
  }

  /** The criteria, OR the hand-picked members. */
  private audienceSql(eligibility: EventAudienceRule, now: Date): Sql {
    const criteria = this.criteriaSql(eligibility, now);
    const picked = eligibility.memberIds ?? [];
    if (picked.length === 0) return criteria;
    const hasCriteria = criteria.params.length > 0 || criteria.where !== '1=1';
    // Hand-picked only: the criteria left empty would otherwise invite everyone.
    if (!hasCriteria) return { where: `id IN (${placeholders(picked)})`, params: [...picked] };
    return {
      where: `((${criteria.where}) OR id IN (${placeholders(picked)}))`,
      params: [...criteria.params, ...picked],
    };
  }

  /** What SQL can narrow by; a superset of the eligible members (the JS rule has the last word). */
  private criteriaSql(eligibility: EventAudienceRule, now: Date): Sql {
    const parts: string[] = [];
    const params: unknown[] = [];
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (!narrows(values)) return;
      parts.push(`${column} IN (${placeholders(values)})`);
      params.push(...values);
    };
    anyOf('tier', eligibility.tiers);
    anyOf('gender', eligibility.genders);
    anyOf('store_id', eligibility.storeIds);
    if (narrows(eligibility.ageBands)) {
      const years = birthYearsFor(eligibility.ageBands, zonedDateParts(now, this.timeZone).year);
      parts.push(years.min === null ? 'birth_year <= ?' : 'birth_year BETWEEN ? AND ?');
      params.push(...(years.min === null ? [] : [years.min]), years.max);
    }
    return { where: parts.length === 0 ? '1=1' : parts.join(' AND '), params };
  }

  private async countLive(em: EntityManager, ids: readonly string[]): Promise<number> {
    const [row] = await rawQuery<Row>(
      em,
      `SELECT COUNT(*) AS n FROM members WHERE erased_at IS NULL AND id IN (${placeholders(ids)})`,
      [...ids],
    );
    return Number(row.n);
  }
}

/**
 * Birth years that can be in the bands in `year` (club time): an age `a` this year means born in
 * `year - a` or `year - a - 1`; one more year each side keeps the SQL a superset whatever the day.
 * A band without an upper age leaves the earliest year open (`min` null).
 */
export function birthYearsFor(bands: readonly AgeBand[], year: number): { min: number | null; max: number } {
  const ranges = bands.map(ageBandRange);
  const youngest = Math.min(...ranges.map((r) => r.min));
  const oldest = ranges.some((r) => r.max === null) ? null : Math.max(...ranges.map((r) => r.max as number));
  return { min: oldest === null ? null : year - oldest - 2, max: year - youngest + 1 };
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function birthdayOf(row: Row): Birthday | null {
  if (row.birth_month === null || row.birth_day === null) return null;
  return {
    month: Number(row.birth_month),
    day: Number(row.birth_day),
    ...(row.birth_year === null ? {} : { year: Number(row.birth_year) }),
  };
}

function interestsOf(value: unknown): string[] {
  if (typeof value !== 'string' || value === '') return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

function audienceMemberOf(row: Row): EventAudienceMember {
  return {
    id: String(row.id),
    tier: row.tier as Tier,
    gender: row.gender as Gender,
    birthday: birthdayOf(row),
    interests: interestsOf(row.interests),
    storeId: row.store_id === null ? null : String(row.store_id),
  };
}
