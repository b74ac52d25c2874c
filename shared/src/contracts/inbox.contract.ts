/** What a member may answer to a notice: a thank-you, or a request for their clerk to call. */
export const INBOX_REPLY_KINDS = ['thanks', 'call_me'] as const;
/** One of {@link INBOX_REPLY_KINDS}. */
export type InboxReplyKind = (typeof INBOX_REPLY_KINDS)[number];

/** `GET /me/inbox/unread-count` and the answer of `POST /me/inbox/read`. */
export interface InboxUnreadCount {
  count: number;
  /** The newest notice the member has read (`null`: none yet); notices above it are unread. */
  lastReadId: string | null;
}

/** `POST /me/inbox/{id}/reply`: the reply as stored (a second tap answers the first one). */
export interface InboxReply {
  noticeId: string;
  kind: InboxReplyKind;
  repliedAt: string;
}

/** `GET /me/inbox/replies`: the replies the member sent to the notices asked about. */
export interface InboxReplies {
  items: InboxReply[];
}
