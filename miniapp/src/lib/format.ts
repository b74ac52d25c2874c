import { formatMemberNo } from '@vip-club/shared';

/** `1234 5678 9`; anything unexpected is shown as it came rather than breaking the card. */
export function printMemberNo(memberNo: string): string {
  return /^\d{9}$/.test(memberNo) ? formatMemberNo(memberNo) : memberNo;
}

/** Kept in shared (with its unit test) so every side shows money the same way, `-¥800` below zero. */
export { formatMoney } from '@vip-club/shared';

/** Points with thousands separators. */
export function formatPoints(points: number): string {
  return String(points).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The date part of an ISO time, `2026-11-23`. */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}
