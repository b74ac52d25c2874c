import type { ClerkInvitationResult, ClubEvent, InvitableMember } from '@vip-club/shared';
import { create } from 'zustand';
import { listEventsForStaff } from '../services/events-staff.service';
import { listInvitable, sendInvitations } from '../services/invitations.service';

/** The most a clerk may write above an invitation (as the server's schema allows). */
export const NOTE_MAX_LENGTH = 200;

/** One member's outcome, with the name the clerk picked them by. */
export interface InvitationOutcome {
  member: InvitableMember;
  result: ClerkInvitationResult['result'];
  /** With `sent`: whether her phone gets it too, or the club's messages only. */
  push?: ClerkInvitationResult['push'];
}

/** Whether a member can still be picked: not yet invited by me, not yet registered. */
export function isSelectable(member: InvitableMember): boolean {
  return !member.isInvited && !member.isRegistered;
}

interface InvitationsState {
  /** Published events that have not started yet, soonest first; null until read. */
  events: ClubEvent[] | null;
  loadEvents: () => Promise<void>;

  event: ClubEvent | null;
  members: InvitableMember[];
  nextCursor: string | null;
  isLoadingMembers: boolean;
  /** Chooses an event and reads the first page of my members it invites. */
  chooseEvent: (event: ClubEvent | null) => Promise<void>;
  loadMoreMembers: () => Promise<void>;

  selected: string[];
  toggle: (memberId: string) => void;
  /** Selects every member shown who can still be invited, or clears them all when they already are. */
  toggleAllShown: () => void;

  note: string;
  setNote: (note: string) => void;

  outcomes: InvitationOutcome[] | null;
  /** Sends the selection with the note; the list learns who is now invited. */
  send: () => Promise<InvitationOutcome[]>;
  /** Back from the outcomes to the list, for another round. */
  inviteMore: () => void;
}

// An answer for an event the clerk has since left is dropped.
let memberSequence = 0;

/** A clerk's personal invitations: an event, some of their own members, a line of their own. */
export const useInvitationsStore = create<InvitationsState>((set, get) => ({
  events: null,
  async loadEvents() {
    const page = await listEventsForStaff({ status: 'published', limit: 100 });
    const now = Date.now();
    const upcoming = page.items
      .filter((e) => Date.parse(e.startsAt) > now)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
    set({ events: upcoming });
  },

  event: null,
  members: [],
  nextCursor: null,
  isLoadingMembers: false,
  async chooseEvent(event) {
    const sequence = ++memberSequence;
    set({ event, members: [], nextCursor: null, selected: [], outcomes: null, isLoadingMembers: !!event });
    if (!event) return;
    try {
      const page = await listInvitable(event.id);
      if (sequence === memberSequence) set({ members: page.items, nextCursor: page.nextCursor });
    } finally {
      if (sequence === memberSequence) set({ isLoadingMembers: false });
    }
  },
  async loadMoreMembers() {
    const { event, nextCursor, isLoadingMembers } = get();
    if (!event || !nextCursor || isLoadingMembers) return;
    const sequence = memberSequence;
    set({ isLoadingMembers: true });
    try {
      const page = await listInvitable(event.id, { cursor: nextCursor });
      if (sequence === memberSequence) {
        set((s) => ({ members: [...s.members, ...page.items], nextCursor: page.nextCursor }));
      }
    } finally {
      if (sequence === memberSequence) set({ isLoadingMembers: false });
    }
  },

  selected: [],
  toggle(memberId) {
    const member = get().members.find((m) => m.id === memberId);
    if (!member || !isSelectable(member)) return;
    set((s) => ({
      selected: s.selected.includes(memberId)
        ? s.selected.filter((id) => id !== memberId)
        : [...s.selected, memberId],
    }));
  },
  toggleAllShown() {
    const selectable = get()
      .members.filter(isSelectable)
      .map((m) => m.id);
    const allOn = selectable.length > 0 && selectable.every((id) => get().selected.includes(id));
    set({ selected: allOn ? [] : selectable });
  },

  note: '',
  setNote(note) {
    set({ note: note.slice(0, NOTE_MAX_LENGTH) });
  },

  outcomes: null,
  async send() {
    const { event, selected, note, members } = get();
    if (!event || selected.length === 0) return [];
    const trimmed = note.trim();
    const answer = await sendInvitations(event.id, {
      memberIds: selected,
      ...(trimmed ? { note: trimmed } : {}),
    });
    const byId = new Map(members.map((m) => [m.id, m]));
    const outcomes = answer.results.flatMap((r) => {
      const member = byId.get(r.memberId);
      return member ? [{ member, result: r.result, push: r.push }] : [];
    });
    const invitedNow = new Set(
      answer.results
        .filter((r) => r.result === 'sent' || r.result === 'already_invited')
        .map((r) => r.memberId),
    );
    const registered = new Set(
      answer.results.filter((r) => r.result === 'already_registered').map((r) => r.memberId),
    );
    set({
      outcomes,
      selected: [],
      note: '',
      members: members.map((m) =>
        invitedNow.has(m.id)
          ? { ...m, isInvited: true }
          : registered.has(m.id)
            ? { ...m, isRegistered: true }
            : m,
      ),
    });
    return outcomes;
  },
  inviteMore() {
    set({ outcomes: null });
  },
}));
