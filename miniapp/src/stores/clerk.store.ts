import type { MemberContact, MemberDetail, WorklistEntry } from '@vip-club/shared';
import { create } from 'zustand';
import { getMemberDetail, getWorklist } from '../services/worklist.service';

interface ClerkState {
  /** Today's members to reach; null until first read. */
  worklist: WorklistEntry[] | null;
  loadWorklist: () => Promise<void>;
  /** Members the clerk opened, by id, so the composer fills its preview without a second read. */
  members: Record<string, MemberDetail>;
  contacts: Record<string, MemberContact[]>;
  /** Reads the member; the detail carries the latest contacts (`MemberDetail.contacts`). */
  loadMember: (memberId: string) => Promise<void>;
  /** Reads the member only when not yet known (the composer opened straight from an address). */
  ensureMember: (memberId: string) => Promise<MemberDetail>;
}

/** A clerk's day: the worklist, and the members opened from it. */
export const useClerkStore = create<ClerkState>((set, get) => ({
  worklist: null,
  async loadWorklist() {
    const answer = await getWorklist();
    set({ worklist: answer.items });
  },
  members: {},
  contacts: {},
  async loadMember(memberId) {
    const member = await getMemberDetail(memberId);
    set((s) => ({
      members: { ...s.members, [memberId]: member },
      contacts: { ...s.contacts, [memberId]: member.contacts },
    }));
  },
  async ensureMember(memberId) {
    const known = get().members[memberId];
    if (known) return known;
    const member = await getMemberDetail(memberId);
    set((s) => ({ members: { ...s.members, [memberId]: member } }));
    return member;
  },
}));
