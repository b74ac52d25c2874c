import type { ClerkActivityQuery, ClerkActivityReport, ClerkContact, ClerkContacts } from '@vip-club/shared';
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

/** `GET /staff/{id}/contacts` (manager): one clerk's contacts in the period, newest first. */
export async function getClerkContacts(staffId: string, period: ActivityPeriod): Promise<ClerkContact[]> {
  const answer = await request<ClerkContacts>(`/staff/${encodeURIComponent(staffId)}/contacts`, {
    query: { from: period.from, to: period.to },
    auth: 'staff',
  });
  return answer.items;
}
