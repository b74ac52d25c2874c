import type { InsightsRate } from '@vip-club/shared';
import { formatPoints } from '../../../lib/format';

/** `1,030`: counts are grouped as points are. */
export const formatCount = formatPoints;

/**
 * `40%`, whole percents for a glance; a dash where there was nothing to take a share of. From the count
 * itself: the answer's `rate` is rounded to four places, and 99,996 of 100,000 would come back as 1.
 */
export function formatRate(rate: InsightsRate): string {
  return rate.of ? formatShare(rate.count / rate.of) : '—';
}

/**
 * `40%` of a share from 0 to 1. Only none is `0%` and only all is `100%`: a share that rounds to either
 * reads `<1%` or `>99%`, so 3 check-ins of 1,204 seats or 99,712 of 100,100 members do not read as none or all.
 */
export function formatShare(share: number): string {
  const percent = Math.round(share * 100);
  if (percent === 0 && share > 0) return '<1%';
  if (percent === 100 && share < 1) return '>99%';
  return `${percent}%`;
}

/** `412 / 1,030`: what a rate is made of, beside it. */
export function formatParts(rate: InsightsRate): string {
  return `${formatCount(rate.count)} / ${formatCount(rate.of)}`;
}
