import { Injectable } from '@nestjs/common';
import {
  type ClerkActivity,
  type ClerkActivityQuery,
  type ClerkActivityReport,
  type ClerkContact,
  type ClerkContactOutcome,
  type ClerkContacts,
  type ClerkContactsQuery,
  CLERK_ACTIVITY_MAX_DAYS,
  ErrorCode,
  periodDays,
  zonedDateParts,
  zonedStartOfDay,
} from '@vip-club/shared';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { parseCursor, toPage } from '../../common/pagination/page';
import { AppConfig } from '../../config/app-config';
import { type ContactPeriod, type ContactRow, StaffActivityRepository } from './staff-activity.repository';

/** The period when the query names no dates: the last 30 club days, today included. */
const DEFAULT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Managers' view of what clerks' contacts led to (DESIGN.md, "Staff and clerk activity"). */
@Injectable()
export class StaffActivityService {
  constructor(
    private readonly activity: StaffActivityRepository,
    private readonly config: AppConfig,
  ) {}

  async report(query: ClerkActivityQuery, now = new Date()): Promise<ClerkActivityReport> {
    const { from, to, period } = this.periodOf(query, now);
    const clerks = await this.activity.clerks(query.storeId);
    // Only the listed clerks' contacts count, and naming them lets the database read each one's period.
    const scoped: ContactPeriod = { ...period, staffIds: clerks.map((clerk) => clerk.staffId) };
    const [totals, spend] = await Promise.all([
      this.activity.contactTotals(scoped),
      this.activity.followedSpend(scoped),
    ]);
    const totalsOf = new Map(totals.map((t) => [t.staffId, t]));
    const items: ClerkActivity[] = clerks
      .map((clerk) => {
        const t = totalsOf.get(clerk.staffId);
        return {
          ...clerk,
          contacts: t?.contacts ?? 0,
          membersReached: t?.membersReached ?? 0,
          followedByVisit: t?.followedByVisit ?? 0,
          followedByPurchase: t?.followedByPurchase ?? 0,
          followedSpend: spend.get(clerk.staffId) ?? 0,
        };
      })
      // A clerk who has left matters only while the period still shows their work or members.
      .filter((item) => item.active || item.contacts > 0 || item.members > 0)
      .sort(
        (a, b) =>
          b.contacts - a.contacts ||
          a.name.localeCompare(b.name, 'zh-Hans-CN') ||
          Number(a.staffId) - Number(b.staffId),
      );
    return { from, to, items };
  }

  async contacts(staffId: string, query: ClerkContactsQuery, now = new Date()): Promise<ClerkContacts> {
    if ((await this.activity.staffName(staffId)) === null) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No staff with id ${staffId}`);
    }
    const afterId = parseCursor(query.cursor);
    // Another clerk's contact (or none) as the cursor would page someone else's list: the same 400.
    if (afterId !== undefined && !(await this.activity.isContactOf(staffId, afterId))) {
      throw validationError([{ path: 'cursor', message: 'must be the id of one of this clerk’s contacts' }]);
    }
    const { period } = this.periodOf(query, now);
    const rows = await this.activity.contactsOf(staffId, period, { afterId, limit: query.limit + 1 });
    return toPage(rows, query.limit, toClerkContact);
  }

  /** The club-calendar dates of the query (defaults filled in) and the UTC instants they span. */
  private periodOf(
    query: { from?: string; to?: string },
    now: Date,
  ): { from: string; to: string; period: ContactPeriod } {
    const timeZone = this.config.club.timezone;
    const today = zonedDateParts(now, timeZone);
    const to = query.to ?? isoDate(Date.UTC(today.year, today.month - 1, today.day));
    const from = query.from ?? isoDate(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS);
    const days = periodDays(from, to);
    // The schema checks a period given whole; one filled in with today is checked here.
    if (days < 1)
      throw validationError([{ path: 'from', message: 'must not be after to (today by default)' }]);
    if (days > CLERK_ACTIVITY_MAX_DAYS) {
      throw validationError([
        {
          path: 'from',
          message: `must be at most ${CLERK_ACTIVITY_MAX_DAYS} days before to (today by default)`,
        },
      ]);
    }
    const dayAfterTo = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    return {
      from,
      to,
      period: {
        from: zonedStartOfDay(datePartsOf(new Date(`${from}T00:00:00Z`)), timeZone),
        to: zonedStartOfDay(datePartsOf(dayAfterTo), timeZone),
      },
    };
  }
}

function isoDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function datePartsOf(utcMidnight: Date): { year: number; month: number; day: number } {
  return {
    year: utcMidnight.getUTCFullYear(),
    month: utcMidnight.getUTCMonth() + 1,
    day: utcMidnight.getUTCDate(),
  };
}

function toClerkContact(row: ContactRow): ClerkContact {
  return {
    id: row.id,
    memberId: row.memberId,
    memberNo: row.memberNo,
    memberName: row.memberName,
    purpose: row.purpose === 'service' ? 'service' : 'marketing',
    text: row.text,
    at: row.at.toISOString(),
    followedBy: firstOutcome(row),
  };
}

/** The earliest of what followed; on the same instant a purchase says the most. */
function firstOutcome(row: ContactRow): ClerkContactOutcome | null {
  const candidates: Array<{ kind: ClerkContactOutcome['kind']; at: Date; amount?: number }> = [];
  if (row.purchaseAt)
    candidates.push({ kind: 'purchase', at: row.purchaseAt, amount: row.purchaseAmount ?? 0 });
  if (row.redemptionAt) candidates.push({ kind: 'redemption', at: row.redemptionAt });
  if (row.checkInAt) candidates.push({ kind: 'check_in', at: row.checkInAt });
  const first = candidates.reduce<(typeof candidates)[number] | null>(
    (best, c) => (best === null || c.at.getTime() < best.at.getTime() ? c : best),
    null,
  );
  if (!first) return null;
  return { ...first, at: first.at.toISOString() };
}
