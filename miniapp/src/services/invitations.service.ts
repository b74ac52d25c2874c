import type {
  ClerkInvitationsInput,
  ClerkInvitationsResult,
  InvitableMember,
  Paginated,
} from '@vip-club/shared';
import { request } from '../lib/request';

const eventPath = (id: string) => `/events/${encodeURIComponent(id)}`;

/** `GET /events/{id}/invitable` (clerk): my own members whom the event invites, a page at a time. */
export function listInvitable(
  eventId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Paginated<InvitableMember>> {
  return request<Paginated<InvitableMember>>(`${eventPath(eventId)}/invitable`, {
    query: { cursor: options.cursor, limit: options.limit ?? 50 },
    auth: 'staff',
  });
}

/** `POST /events/{id}/invitations` (clerk): one outcome per member named. */
export function sendInvitations(
  eventId: string,
  input: ClerkInvitationsInput,
): Promise<ClerkInvitationsResult> {
  return request<ClerkInvitationsResult>(`${eventPath(eventId)}/invitations`, {
    method: 'POST',
    body: input,
    auth: 'staff',
  });
}
