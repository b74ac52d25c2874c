import type { LedgerEntry, PointsSummary, TiersPage } from '@vip-club/shared';
import { create } from 'zustand';
import { getLedger, getPointsSummary, getTiers } from '../services/points.service';

interface PointsState {
  summary: PointsSummary | null;
  ledger: LedgerEntry[];
  tiers: TiersPage | null;
  loadPoints: () => Promise<void>;
  loadTiers: () => Promise<TiersPage>;
  reset: () => void;
}

/** The member's points (summary and ledger) and the club's tiers. */
export const usePointsStore = create<PointsState>((set) => ({
  summary: null,
  ledger: [],
  tiers: null,

  async loadPoints() {
    const [summary, page] = await Promise.all([getPointsSummary(), getLedger()]);
    set({ summary, ledger: page.items });
  },

  async loadTiers() {
    const tiers = await getTiers();
    set({ tiers });
    return tiers;
  },

  reset: () => set({ summary: null, ledger: [], tiers: null }),
}));
