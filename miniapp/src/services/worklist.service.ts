import type { MemberDetail, Worklist } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /staff/worklist` (clerk): my own members to reach today, highest 12-month spend first. */
export function getWorklist(): Promise<Worklist> {
  return request<Worklist>('/staff/worklist', { auth: 'staff' });
}

/** `GET /members/{id}` (clerk of the member's store, or manager): the member, card and latest purchases. */
export function getMemberDetail(memberId: string): Promise<MemberDetail> {
  return request<MemberDetail>(`/members/${encodeURIComponent(memberId)}`, { auth: 'staff' });
}
