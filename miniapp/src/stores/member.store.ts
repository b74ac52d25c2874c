import type { CardCode, JoinInput, JoinResponse, Me, UpdateMeInput } from '@vip-club/shared';
import { create } from 'zustand';
import { exportMe, getCardCode, getMe, joinClub, leaveClub, updateMe } from '../services/member.service';

interface MemberState {
  me: Me | null;
  cardCode: CardCode | null;
  loadMe: () => Promise<Me>;
  join: (input: JoinInput) => Promise<JoinResponse>;
  update: (input: UpdateMeInput) => Promise<Me>;
  refreshCardCode: () => Promise<CardCode>;
  exportData: () => Promise<unknown>;
  leave: () => Promise<void>;
  reset: () => void;
}

/** The signed-in member: their profile and card, and the short-lived code shown as a QR. */
export const useMemberStore = create<MemberState>((set) => ({
  me: null,
  cardCode: null,

  async loadMe() {
    const me = await getMe();
    set({ me });
    return me;
  },

  join: (input) => joinClub(input),

  async update(input) {
    await updateMe(input);
    // The full profile (card included) is re-read so every screen shows the server's answer.
    const me = await getMe();
    set({ me });
    return me;
  },

  async refreshCardCode() {
    const cardCode = await getCardCode();
    set({ cardCode });
    return cardCode;
  },

  exportData: () => exportMe(),

  async leave() {
    await leaveClub();
    set({ me: null, cardCode: null });
  },

  reset: () => set({ me: null, cardCode: null }),
}));
