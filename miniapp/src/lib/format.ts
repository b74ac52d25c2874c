import { MINOR_UNITS_PER_MAJOR, formatMemberNo } from '@vip-club/shared';

/** `1234 5678 9`; anything unexpected is shown as it came rather than breaking the card. */
export function printMemberNo(memberNo: string): string {
  return /^\d{9}$/.test(memberNo) ? formatMemberNo(memberNo) : memberNo;
}

/** `¥3,000` for whole amounts, `¥1,288.50` otherwise; minor units in. */
export function formatMoney(minor: number): string {
  const major = minor / MINOR_UNITS_PER_MAJOR;
  const whole = Number.isInteger(major);
  const fixed = whole ? String(major) : major.toFixed(2);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}${frac ? `.${frac}` : ''}`;
}

/** Points with thousands separators. */
export function formatPoints(points: number): string {
  return String(points).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The date part of an ISO time, `2026-11-23`. */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}
