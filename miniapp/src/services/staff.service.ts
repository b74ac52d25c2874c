import type {
  CreateStaffInput,
  HandoverInput,
  MemberLookupQuery,
  MemberSummary,
  Paginated,
  Staff,
  UpdateStaffInput,
} from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /staff/members/lookup?cardCode=` or `?phone=`: 410 CARD_CODE_EXPIRED for an old code. */
export function lookupMember(query: MemberLookupQuery): Promise<MemberSummary> {
  return request<MemberSummary>('/staff/members/lookup', { query: { ...query }, auth: 'staff' });
}

/** `POST /staff` (manager). */
export function createStaff(input: CreateStaffInput): Promise<Staff> {
  return request<Staff>('/staff', { method: 'POST', body: input, auth: 'staff' });
}

/** `GET /staff[?storeId=]` (manager): every page of it, so a manager sees the whole team at once. */
export async function listStaff(storeId?: string): Promise<Staff[]> {
  const all: Staff[] = [];
  let cursor: string | undefined;
  do {
    const page = await request<Paginated<Staff>>('/staff', {
      query: { limit: 100, cursor, storeId },
      auth: 'staff',
    });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** `PATCH /staff/{id}` (manager): 409 CLERK_HAS_MEMBERS `{members}` to deactivate or move a clerk who still has members. */
export function updateStaff(id: string, input: UpdateStaffInput): Promise<Staff> {
  return request<Staff>(`/staff/${encodeURIComponent(id)}`, { method: 'PATCH', body: input, auth: 'staff' });
}

/** What `POST /staff/{id}/handover` answers: how many members moved, and to whom. */
export interface HandoverResult {
  moved: number;
  byClerk: { staffId: string; count: number }[];
}

/** `POST /staff/{id}/handover` (manager): the clerk's members go to other active clerks in one step. */
export function handOverMembers(id: string, input: HandoverInput): Promise<HandoverResult> {
  return request<HandoverResult>(`/staff/${encodeURIComponent(id)}/handover`, {
    method: 'POST',
    body: input,
    auth: 'staff',
  });
}
