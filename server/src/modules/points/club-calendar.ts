import { Injectable } from '@nestjs/common';
import { addMonths, pointsExpiryAt, zonedDateParts, zonedStartOfDay } from '@vip-club/shared';

interface MonthSpan {
  timeZone: string;
  year: number;
  month: number;
  /** The month's first instant in the zone, and the next month's: [from, to). */
  from: number;
  to: number;
}

/**
 * The club-time month of an instant and the expiry of points earned in it, remembered for the month
 * last asked about. Every purchase needs both (birthday month, lot expiry), and each costs several
 * Intl formatToParts calls, ~3 % of the server's CPU under load; purchases arrive in the current
 * month, so one remembered month answers nearly all of them. The answers are the shared rules' own.
 */
@Injectable()
export class ClubCalendar {
  private span: MonthSpan | null = null;
  private expiry: { key: string; at: Date } | null = null;

  /** The calendar month (1–12) of `at` on the wall clock of `timeZone`. */
  monthOf(at: Date, timeZone: string): { year: number; month: number } {
    const t = at.getTime();
    const span = this.span;
    if (span && span.timeZone === timeZone && t >= span.from && t < span.to) return span;
    const { year, month } = zonedDateParts(at, timeZone);
    const next = addMonths(year, month, 1);
    const fresh: MonthSpan = {
      timeZone,
      year,
      month,
      from: zonedStartOfDay({ year, month, day: 1 }, timeZone).getTime(),
      to: zonedStartOfDay({ year: next.year, month: next.month, day: 1 }, timeZone).getTime(),
    };
    this.span = fresh;
    return fresh;
  }

  /** `pointsExpiryAt`: it depends only on the zoned month of `earnedAt` and the points' life. */
  expiryAt(earnedAt: Date, rules: Parameters<typeof pointsExpiryAt>[1], timeZone: string): Date {
    const { year, month } = this.monthOf(earnedAt, timeZone);
    const key = `${timeZone}|${rules.pointsLifeMonths}|${year}|${month}`;
    if (this.expiry?.key === key) return new Date(this.expiry.at);
    const at = pointsExpiryAt(earnedAt, rules, timeZone);
    this.expiry = { key, at };
    return new Date(at);
  }
}
