import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawQuery } from '../../database/raw-write';
import { clubDaySql, type OffsetSegment } from './club-days';

/**
 * The instants the overview is reckoned from, and whose members it counts: the members not erased,
 * of `storeId`'s home store when given. Periods are half-open `(since, asOf]`.
 */
export interface InsightsScope {
  asOf: Date;
  storeId?: string;
  /** 30×24 hours before `asOf`. */
  since30Days: Date;
  /** 365 days before `asOf`. */
  since12Months: Date;
  /** 90 days before `asOf`. */
  since90Days: Date;
  /** 30×24 hours after `asOf`. */
  until30Days: Date;
  /** The club zone's offsets over the 12 months, to tell purchases' club days apart. */
  offsets: OffsetSegment[];
}

export interface TierFiguresRow {
  tier: string;
  members: number;
  active: number;
  /** bought within 12 months (a purchase refunded in full is no purchase) */
  buyers: number;
  /** bought within 12 months on two or more club days */
  repeatBuyers: number;
  joined: number;
  consenting: number;
  outstanding: number;
}

export interface PurchaseFigures {
  netSpend: number;
}

export interface PointsFigures {
  issued: number;
  redeemed: number;
  expiring: number;
}

export interface ActivityFigures {
  upcomingEvents: number;
  registrations: number;
  confirmedSeats: number;
  checkedInSeats: number;
  referralsJoined: number;
  referralsRewarded: number;
  followUpsOpen: number;
  followUpsOverdue: number;
  followUpsEscalated: number;
  followUpsResolved: number;
  followUpsResolvedInTime: number;
  ratingSum: number;
  ratings: number;
}

/** The redemption entries of the ledger (a gift), as against an event registration's points. */
const GIFT_REF = `'redemption:%'`;

/**
 * The overview's figures in four set-based statements (members by tier, with activity and repeat
 * purchase; the 30 days' spend; points; events, referrals, follow-ups and ratings), each a handful of aggregates over the scope's members or the
 * period's rows, the same SQL on MySQL/MariaDB and SQLite. See DESIGN.md, "Insights".
 */
@Injectable()
export class InsightsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Per tier: members; those active within 12 months; those who bought within 12 months and those
   * of them whose first and last purchase of the 12 months fall on different club days, leaving out
   * purchases refunded in full (an exchange is not a second purchase); joined within 30 days;
   * consenting; their positive balances. One pass over the members, left-joined to two grouped
   * passes: the 12 months' purchases by member (on `ix_purchases_member_amounts`, index only), any
   * of which makes a member active (she came in), and the members who picked up a gift or checked
   * in at an event within the 12 months.
   */
  async tierFigures(
    scope: InsightsScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<TierFiguresRow[]> {
    const driver = driverOf(em);
    const day = (column: string) =>
      clubDaySql(column, scope.offsets, driver === 'sqlite' ? 'sqlite' : 'mysql');
    const year = (column: string) => `${column} > ? AND ${column} <= ?`;
    // A purchase refunded in part is still one; refunded in full, it is not (but she came in: active).
    const bought = 'p.refunded_amount < p.amount';
    const yearParams = [scope.since12Months, scope.asOf];
    const { where, params } = memberFilter(scope, 'm');
    // MariaDB would otherwise run the grouped purchases once per member ("split materialized"), which
    // costs three times the single grouped pass over the whole club; for one store's members it pays.
    const prefix =
      driver === 'mariadb' && scope.storeId === undefined
        ? "SET STATEMENT optimizer_switch = 'split_materialized=off' FOR "
        : '';
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `${prefix}SELECT m.tier AS tier,
              COUNT(*) AS members,
              SUM(CASE WHEN b.member_id IS NOT NULL OR v.member_id IS NOT NULL THEN 1 ELSE 0 END) AS active,
              COUNT(b.first_at) AS buyers,
              SUM(CASE WHEN ${day('b.first_at')} <> ${day('b.last_at')} THEN 1 ELSE 0 END) AS repeat_buyers,
              SUM(CASE WHEN m.joined_at > ? AND m.joined_at <= ? THEN 1 ELSE 0 END) AS joined,
              SUM(CASE WHEN m.consent_marketing = 1 THEN 1 ELSE 0 END) AS consenting,
              SUM(CASE WHEN m.points > 0 THEN m.points ELSE 0 END) AS outstanding
         FROM members m
         LEFT JOIN (SELECT p.member_id AS member_id,
                           MIN(CASE WHEN ${bought} THEN p.occurred_at END) AS first_at,
                           MAX(CASE WHEN ${bought} THEN p.occurred_at END) AS last_at
                      FROM purchases p
                     WHERE ${year('p.occurred_at')}
                     GROUP BY p.member_id) b ON b.member_id = m.id
         LEFT JOIN (SELECT r.member_id AS member_id FROM redemptions r WHERE ${year('r.fulfilled_at')}
                    UNION
                    SELECT e.member_id AS member_id FROM event_registrations e WHERE ${year('e.checked_in_at')}) v
                ON v.member_id = m.id
        WHERE ${where}
        GROUP BY m.tier`,
      [scope.since30Days, scope.asOf, ...yearParams, ...yearParams, ...yearParams, ...params],
    );
    return rows.map((r) => ({
      tier: String(r.tier),
      members: Number(r.members),
      active: Number(r.active ?? 0),
      buyers: Number(r.buyers ?? 0),
      repeatBuyers: Number(r.repeat_buyers ?? 0),
      joined: Number(r.joined ?? 0),
      consenting: Number(r.consenting ?? 0),
      outstanding: Number(r.outstanding ?? 0),
    }));
  }

  /**
   * The 30 days' purchases less the 30 days' refunds (through `ix_purchases_occurred`), erased
   * members' included: an erasure does not undo a sale. With a store, its members' (by home store).
   */
  async purchaseFigures(
    scope: InsightsScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<PurchaseFigures> {
    const { join, where, params } = homeStoreFilter(scope, 'p.member_id');
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT (SELECT COALESCE(SUM(p.amount), 0)
                 FROM purchases p${join}
                WHERE p.occurred_at > ? AND p.occurred_at <= ?${where}) AS bought,
              (SELECT COALESCE(SUM(f.amount), 0)
                 FROM refunds f
                 JOIN purchases p ON p.id = f.purchase_id${join}
                WHERE f.created_at > ? AND f.created_at <= ?${where}) AS refunded`,
      [scope.since30Days, scope.asOf, ...params, scope.since30Days, scope.asOf, ...params],
    );
    const r = rows[0] ?? {};
    return { netSpend: Number(r.bought ?? 0) - Number(r.refunded ?? 0) };
  }

  /**
   * The 30 days' earnings and bonuses and the points spent on gifts less those given back (through
   * `ix_points_ledger_created`; erased members' entries included, as sales are); and the points that
   * lapse within 30 days: per member (not erased) what their lots expiring then still hold, but never
   * more than the balance (expiry never takes a balance below zero).
   */
  async pointsFigures(
    scope: InsightsScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<PointsFigures> {
    const { where, params } = memberFilter(scope, 'm');
    const flows = homeStoreFilter(scope, 'e.member_id');
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT l.issued AS issued, l.redeemed AS redeemed, x.expiring AS expiring
         FROM (SELECT COALESCE(SUM(CASE WHEN e.kind IN ('earn', 'bonus') THEN e.delta ELSE 0 END), 0) AS issued,
                      COALESCE(SUM(CASE WHEN e.kind IN ('redeem', 'redeem_cancel') AND e.ref LIKE ${GIFT_REF}
                                        THEN -e.delta ELSE 0 END), 0) AS redeemed
                 FROM points_ledger e${flows.join}
                WHERE e.created_at > ? AND e.created_at <= ?${flows.where}) l
        CROSS JOIN
              (SELECT COALESCE(SUM(CASE WHEN m.points <= 0 THEN 0
                                        WHEN s.remaining < m.points THEN s.remaining
                                        ELSE m.points END), 0) AS expiring
                 FROM (SELECT t.member_id AS member_id, SUM(t.remaining) AS remaining
                         FROM points_lots t
                        WHERE t.expires_at > ? AND t.expires_at <= ? AND t.remaining > 0
                        GROUP BY t.member_id) s
                 JOIN members m ON m.id = s.member_id
                WHERE ${where}) x`,
      [scope.since30Days, scope.asOf, ...flows.params, scope.asOf, scope.until30Days, ...params],
    );
    const r = rows[0] ?? {};
    return {
      issued: Number(r.issued ?? 0),
      redeemed: Number(r.redeemed ?? 0),
      expiring: Number(r.expiring ?? 0),
    };
  }

  /**
   * Events (of the store, when given), registrations and event ratings, referrals (of the scope's
   * members who joined through one), follow-ups (of the store) and `POST /feedback` ratings (about the
   * store): one row of five derived tables, each one pass over its table with conditional counts.
   * A store's ratings are its own feedback and the ratings of its events or, for a store-less event,
   * of its members (a low one's follow-up goes to their home store: DESIGN.md, Events).
   */
  async activityFigures(
    scope: InsightsScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ActivityFigures> {
    const { asOf, since30Days, since90Days, storeId } = scope;
    const store = storeId === undefined ? [] : [storeId];
    const byStore = (column: string) => (storeId === undefined ? '' : ` AND ${column} = ?`);
    const within = (column: string) => `${column} > ? AND ${column} <= ?`;
    const period = [since30Days, asOf];
    const { where: memberWhere, params: memberParams } = memberFilter(scope, 'm');
    const open = `f.status = 'open'`;
    const parts: Array<[sql: string, params: unknown[]]> = [
      [
        `SELECT COUNT(CASE WHEN v.starts_at > ? THEN 1 END) AS upcoming,
                COALESCE(SUM(CASE WHEN ${within('v.starts_at')} THEN v.confirmed_seats END), 0) AS confirmed_seats,
                COALESCE(SUM(CASE WHEN ${within('v.starts_at')} THEN v.checked_in_seats END), 0) AS checked_in_seats
           FROM events v WHERE v.status = 'published'${byStore('v.store_id')}`,
        [asOf, since90Days, asOf, since90Days, asOf, ...store],
      ],
      storeId === undefined
        ? [
            `SELECT COUNT(CASE WHEN ${within('g.created_at')} THEN 1 END) AS registrations,
                    COALESCE(SUM(CASE WHEN ${within('g.rated_at')} THEN g.rating END), 0) AS event_rating_sum,
                    COUNT(CASE WHEN ${within('g.rated_at')} THEN 1 END) AS event_ratings
               FROM event_registrations g`,
            [...period, ...period, ...period],
          ]
        : [
            // Columns compared one by one: SQLite would not match COALESCE(…), which has no integer affinity, to the id's text.
            `SELECT COUNT(CASE WHEN ${within('g.created_at')} AND v.store_id = ? THEN 1 END) AS registrations,
                    COALESCE(SUM(CASE WHEN ${within('g.rated_at')} THEN g.rating END), 0) AS event_rating_sum,
                    COUNT(CASE WHEN ${within('g.rated_at')} THEN 1 END) AS event_ratings
               FROM event_registrations g
               JOIN events v ON v.id = g.event_id
               JOIN members m ON m.id = g.member_id
              WHERE v.store_id = ? OR (v.store_id IS NULL AND m.store_id = ?)`,
            [...period, storeId, ...period, ...period, storeId, storeId],
          ],
      [
        `SELECT COUNT(CASE WHEN r.status <> 'refused' AND ${within('r.bound_at')} THEN 1 END) AS referrals_joined,
                COUNT(CASE WHEN r.status = 'rewarded' AND ${within('r.rewarded_at')} THEN 1 END) AS referrals_rewarded
           FROM referrals r JOIN members m ON m.id = r.referred_id
          WHERE ${memberWhere}`,
        [...period, ...period, ...memberParams],
      ],
      [
        `SELECT COUNT(CASE WHEN ${open} THEN 1 END) AS open_count,
                COUNT(CASE WHEN ${open} AND ((f.first_responded_at IS NULL AND f.first_response_due_at < ?)
                                            OR f.resolve_due_at < ?) THEN 1 END) AS overdue,
                COUNT(CASE WHEN ${open} AND f.escalated_at IS NOT NULL THEN 1 END) AS escalated,
                COUNT(CASE WHEN f.status = 'resolved' AND ${within('f.resolved_at')} THEN 1 END) AS resolved,
                COUNT(CASE WHEN f.status = 'resolved' AND ${within('f.resolved_at')}
                            AND f.resolved_at <= f.resolve_due_at THEN 1 END) AS resolved_in_time
           FROM follow_ups f WHERE 1 = 1${byStore('f.store_id')}`,
        [asOf, asOf, ...period, ...period, ...store],
      ],
      [
        `SELECT COALESCE(SUM(k.rating), 0) AS feedback_rating_sum, COUNT(*) AS feedback_ratings
           FROM feedback k WHERE ${within('k.created_at')}${byStore('k.store_id')}`,
        [...period, ...store],
      ],
    ];
    const rows = await rawQuery<Record<string, unknown>>(
      em,
      `SELECT * FROM ${parts.map(([sql], i) => `(${sql}) t${i}`).join('\n CROSS JOIN ')}`,
      parts.flatMap(([, params]) => params),
    );
    const r = rows[0] ?? {};
    const n = (name: string) => Number(r[name] ?? 0);
    return {
      upcomingEvents: n('upcoming'),
      registrations: n('registrations'),
      confirmedSeats: n('confirmed_seats'),
      checkedInSeats: n('checked_in_seats'),
      referralsJoined: n('referrals_joined'),
      referralsRewarded: n('referrals_rewarded'),
      followUpsOpen: n('open_count'),
      followUpsOverdue: n('overdue'),
      followUpsEscalated: n('escalated'),
      followUpsResolved: n('resolved'),
      followUpsResolvedInTime: n('resolved_in_time'),
      ratingSum: n('feedback_rating_sum') + n('event_rating_sum'),
      ratings: n('feedback_ratings') + n('event_ratings'),
    };
  }
}

/** For the club's flows (sales, points): every member's rows, or with a store its members' (erased or not). */
function homeStoreFilter(
  scope: InsightsScope,
  memberColumn: string,
): { join: string; where: string; params: unknown[] } {
  return scope.storeId === undefined
    ? { join: '', where: '', params: [] }
    : {
        join: ` JOIN members h ON h.id = ${memberColumn}`,
        where: ' AND h.store_id = ?',
        params: [scope.storeId],
      };
}

/** The scope's members: not erased, of the home store when one is named. */
function memberFilter(scope: InsightsScope, alias: string): { where: string; params: unknown[] } {
  return scope.storeId === undefined
    ? { where: `${alias}.erased_at IS NULL`, params: [] }
    : { where: `${alias}.erased_at IS NULL AND ${alias}.store_id = ?`, params: [scope.storeId] };
}

function driverOf(em: EntityManager): 'mysql' | 'mariadb' | 'sqlite' {
  const type = em.connection.driver.options.type;
  return type === 'better-sqlite3' ? 'sqlite' : type === 'mariadb' ? 'mariadb' : 'mysql';
}
