import type { CreateStaffInput, MemberLookupQuery, MemberSummary, Staff } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /staff/members/lookup?cardCode=` or `?phone=`: 410 CARD_CODE_EXPIRED for an old code. */
export function lookupMember(query: MemberLookupQuery): Promise<MemberSummary> {
  return request<MemberSummary>('/staff/members/lookup', { query: { ...query }, auth: 'staff' });
}

/** `POST /staff` (manager). */
export function createStaff(input: CreateStaffInput): Promise<Staff> {
  return request<Staff>('/staff', { method: 'POST', body: input, auth: 'staff' });
}
