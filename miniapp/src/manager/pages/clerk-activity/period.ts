import { toClubDateTime } from '../../../lib/club-time';
import type { ActivityPeriod } from '../../../services/staff-activity.service';

export const PERIODS = ['last30', 'thisMonth', 'lastMonth'] as const;
export type PeriodName = (typeof PERIODS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The club-calendar dates of a named period as of `now`; the last 30 days are the server's default. */
export function periodDates(name: PeriodName, now: number): ActivityPeriod {
  const today = toClubDateTime(now).date;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (name === 'thisMonth') return { from: `${today.slice(0, 8)}01`, to: today };
  if (name === 'lastMonth') {
    const y = month === 1 ? year - 1 : year;
    const m = month === 1 ? 12 : month - 1;
    // Day 0 of this month is the last day of the previous one.
    const lastDay = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay)}` };
  }
  return {};
}
