import type { InsightsRate } from '@vip-club/shared';
import { formatPoints } from '../../../lib/format';

/** `1,030`: counts are grouped as points are. */
export const formatCount = formatPoints;

/** `40%`, whole percents for a glance; a dash where there was nothing to take a share of. */
export function formatRate(rate: InsightsRate): string {
  return rate.of ? formatShare(rate.rate) : '—';
}

/** `40%` of a share from 0 to 1. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `412 / 1,030`: what a rate is made of, beside it. */
export function formatParts(rate: InsightsRate): string {
  return `${formatCount(rate.count)} / ${formatCount(rate.of)}`;
}
