import type { InboxItem, InboxReplyKind } from '@vip-club/shared';
import { create } from 'zustand';
import {
  getUnreadCount,
  listInbox,
  listReplies,
  markInboxRead,
  replyToNotice,
} from '../services/inbox.service';

interface InboxState {
  items: InboxItem[];
  nextCursor: string | null;
  /** Null until the count was read once. */
  unread: number | null;
  /** Notices above this id were unread when the list was opened; they keep their mark on screen. */
  lastReadId: string | null;
  /** Replies sent to the notices shown, `${noticeId}:${kind}`. */
  replied: string[];
  loadUnread: () => Promise<void>;
  /** Reads the first page, then marks it read (the newest notice shown is the high-water mark). */
  open: () => Promise<void>;
  loadMore: () => Promise<void>;
  reply: (noticeId: string, kind: InboxReplyKind) => Promise<void>;
}

// Ids are decimal strings without leading zeros; compared without BigInt, which older WeChat
// runtimes lack.
const replyKey = (noticeId: string, kind: InboxReplyKind) => `${noticeId}:${kind}`;

/** The replies already sent to these notices, as `replied` keys. */
async function repliedTo(items: InboxItem[]): Promise<string[]> {
  if (items.length === 0) return [];
  const answer = await listReplies(items.map((i) => i.id));
  return answer.items.map((r) => replyKey(r.noticeId, r.kind));
}

const isAbove = (id: string, mark: string | null) =>
  mark === null || id.length > mark.length || (id.length === mark.length && id > mark);

/** Whether the notice was new when the inbox was opened. */
export function isUnread(item: InboxItem, lastReadId: string | null): boolean {
  return isAbove(item.id, lastReadId);
}

/** The member's inbox: notices, the unread count for the badge, and replies. */
export const useInboxStore = create<InboxState>((set, get) => ({
  items: [],
  nextCursor: null,
  unread: null,
  lastReadId: null,
  replied: [],
  async loadUnread() {
    const answer = await getUnreadCount();
    set({ unread: answer.count });
  },
  async open() {
    const [page, state] = await Promise.all([listInbox(), getUnreadCount()]);
    const replied = await repliedTo(page.items);
    set({
      items: page.items,
      nextCursor: page.nextCursor,
      lastReadId: state.lastReadId,
      unread: state.count,
      replied,
    });
    const newest = page.items[0];
    if (newest && isAbove(newest.id, state.lastReadId)) {
      const after = await markInboxRead(newest.id);
      set({ unread: after.count });
    }
  },
  async loadMore() {
    const { nextCursor } = get();
    if (!nextCursor) return;
    const page = await listInbox({ cursor: nextCursor });
    const replied = await repliedTo(page.items);
    set((s) => ({
      items: [...s.items, ...page.items],
      nextCursor: page.nextCursor,
      replied: [...s.replied, ...replied],
    }));
  },
  async reply(noticeId, kind) {
    await replyToNotice(noticeId, kind);
    const key = replyKey(noticeId, kind);
    set((s) => ({ replied: s.replied.includes(key) ? s.replied : [...s.replied, key] }));
  },
}));
