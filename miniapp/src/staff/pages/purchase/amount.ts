import { MINOR_UNITS_PER_MAJOR, PurchaseAmountSchema } from '@vip-club/shared';

/**
 * Yuan as a clerk types them (`12880`, `1,288.5`) to minor units, without floating-point
 * arithmetic; undefined when it is not a valid purchase amount.
 */
export function yuanToMinor(text: string): number | undefined {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const minor = Number(match[1]) * MINOR_UNITS_PER_MAJOR + Number((match[2] ?? '').padEnd(2, '0'));
  return PurchaseAmountSchema.safeParse(minor).success ? minor : undefined;
}
