import type { ClerkActivityQuery, ClerkActivityReport, ClerkContacts } from '@vip-club/shared';
import { request } from '../lib/request';

/** A period of club-calendar dates (`YYYY-MM-DD`, inclusive); none means the server's last 30 days. */
export type ActivityPeriod = Pick<ClerkActivityQuery, 'from' | 'to'>;

/** `GET /staff/activity` (manager): each clerk's contacts and what followed them. */
export function getClerkActivity(period: ActivityPeriod, storeId?: string): Promise<ClerkActivityReport> {
  return request<ClerkActivityReport>('/staff/activity', {
    query: { from: period.from, to: period.to, storeId },
    auth: 'staff',
  });
}

/**
 * `GET /staff/{id}/contacts` (manager): a page of one clerk's contacts in the period, newest first; its
 * `nextCursor` asks for the next.
 */
export function getClerkContacts(
  staffId: string,
  period: ActivityPeriod,
  page: { limit?: number; cursor?: string } = {},
): Promise<ClerkContacts> {
  return request<ClerkContacts>(`/staff/${encodeURIComponent(staffId)}/contacts`, {
    query: { from: period.from, to: period.to, limit: page.limit, cursor: page.cursor },
    auth: 'staff',
  });
}
