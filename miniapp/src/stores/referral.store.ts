import type { ReferralCard, ReferralSummary } from '@vip-club/shared';
import { create } from 'zustand';
import { readStored, removeStored, writeStored } from '../lib/storage';
import { getReferral, getReferralCard } from '../services/referral.service';

interface ReferralState {
  summary: ReferralSummary | null;
  card: ReferralCard | null;
  load: () => Promise<void>;
}

/** The member's referral code, share card and the friends it brought in. */
export const useReferralStore = create<ReferralState>((set) => ({
  summary: null,
  card: null,
  async load() {
    const [summary, card] = await Promise.all([getReferral(), getReferralCard()]);
    set({ summary, card });
  },
}));

const KEPT_CODE_KEY = 'club.referralCode';

/**
 * A friend's code from a join link or WeChat code, kept on the device until joining: a newcomer
 * passes through the welcome page to log in first, which would otherwise lose it.
 */
export function keepReferralCode(code: string): void {
  writeStored(KEPT_CODE_KEY, code);
}

export function keptReferralCode(): string | undefined {
  return readStored<string>(KEPT_CODE_KEY);
}

export function forgetReferralCode(): void {
  removeStored(KEPT_CODE_KEY);
}
