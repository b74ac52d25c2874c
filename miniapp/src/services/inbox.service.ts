import type {
  InboxItem,
  InboxReplies,
  InboxReply,
  InboxReplyKind,
  InboxUnreadCount,
  Paginated,
} from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /me/inbox`: the member's notices, newest first, a page at a time. */
export function listInbox(options: { cursor?: string; limit?: number } = {}): Promise<Paginated<InboxItem>> {
  return request<Paginated<InboxItem>>('/me/inbox', {
    query: { cursor: options.cursor, limit: options.limit ?? 20 },
    auth: 'member',
  });
}

/** `GET /me/inbox/unread-count`. */
export function getUnreadCount(): Promise<InboxUnreadCount> {
  return request<InboxUnreadCount>('/me/inbox/unread-count', { auth: 'member' });
}

/** `POST /me/inbox/read`: everything up to this notice is read; answers the new count. */
export function markInboxRead(upToId: string): Promise<InboxUnreadCount> {
  return request<InboxUnreadCount>('/me/inbox/read', { method: 'POST', body: { upToId }, auth: 'member' });
}

/** `POST /me/inbox/{id}/reply`: a thank-you or a request for the clerk to call; once per kind. */
export function replyToNotice(noticeId: string, kind: InboxReplyKind): Promise<InboxReply> {
  return request<InboxReply>(`/me/inbox/${encodeURIComponent(noticeId)}/reply`, {
    method: 'POST',
    body: { kind },
    auth: 'member',
  });
}

/** `GET /me/inbox/replies`: what I already answered to these notices. */
export function listReplies(noticeIds: string[]): Promise<InboxReplies> {
  return request<InboxReplies>('/me/inbox/replies', {
    query: { noticeIds: noticeIds.join(',') },
    auth: 'member',
  });
}
