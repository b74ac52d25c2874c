import type { InboxItem, InboxReplyKind } from '@vip-club/shared';
import { create } from 'zustand';
import { getUnreadCount, listInbox, markInboxRead, replyToNotice } from '../services/inbox.service';

interface InboxState {
  items: InboxItem[];
  nextCursor: string | null;
  /** Null until the count was read once. */
  unread: number | null;
  /** Notices above this id were unread when the list was opened; they keep their mark on screen. */
  lastReadId: string | null;
  /** Replies sent from this device, `${noticeId}:${kind}`. */
  replied: string[];
  loadUnread: () => Promise<void>;
  /** Reads the first page, then marks it read (the newest notice shown is the high-water mark). */
  open: () => Promise<void>;
  loadMore: () => Promise<void>;
  reply: (noticeId: string, kind: InboxReplyKind) => Promise<void>;
}

// Ids are decimal strings without leading zeros; compared without BigInt, which older WeChat
// runtimes lack.
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
    set({
      items: page.items,
      nextCursor: page.nextCursor,
      lastReadId: state.lastReadId,
      unread: state.count,
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
    set((s) => ({ items: [...s.items, ...page.items], nextCursor: page.nextCursor }));
  },
  async reply(noticeId, kind) {
    await replyToNotice(noticeId, kind);
    const key = `${noticeId}:${kind}`;
    set((s) => ({ replied: s.replied.includes(key) ? s.replied : [...s.replied, key] }));
  },
}));
