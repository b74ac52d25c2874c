import type { FollowUp, FollowUpStatus, Paginated } from '@vip-club/shared';
import { request } from '../lib/request';

/**
 * `GET /staff/follow-ups`: the store's follow-ups (a manager's: every store's), soonest due first, a page at
 * a time (`cursor` is the previous page's `nextCursor`); `escalated` narrows them to those the escalation
 * job handed to the managers.
 */
export function listFollowUps(
  status: FollowUpStatus = 'open',
  { escalated = false, limit = 20, cursor }: { escalated?: boolean; limit?: number; cursor?: string } = {},
): Promise<Paginated<FollowUp>> {
  return request<Paginated<FollowUp>>('/staff/follow-ups', {
    query: { status, limit, cursor, ...(escalated ? { escalated: 'true' } : {}) },
    auth: 'staff',
  });
}

/** `POST /follow-ups/{id}/first-response`: the member was reached, and how. */
export function respondToFollowUp(id: string, note: string): Promise<FollowUp> {
  return request<FollowUp>(`/follow-ups/${id}/first-response`, {
    method: 'POST',
    body: { note },
    auth: 'staff',
  });
}

/** `POST /follow-ups/{id}/resolution`: what was done; the member is told. */
export function resolveFollowUp(id: string, note: string): Promise<FollowUp> {
  return request<FollowUp>(`/follow-ups/${id}/resolution`, { method: 'POST', body: { note }, auth: 'staff' });
}
