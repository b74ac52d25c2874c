import type { InsightsOverview } from '@vip-club/shared';
import { create } from 'zustand';
import { getInsightsOverview } from '../services/insights.service';

/** The scope of the whole club; any other scope is a store id. */
export const CLUB_SCOPE = 'club';

interface InsightsState {
  /** The latest figures of each scope read so far, so a scope revisited shows at once while it refreshes. */
  overviews: Partial<Record<string, InsightsOverview>>;
  /** Reads a scope's figures; an answer (or failure) overtaken by a later read of that scope is dropped. */
  loadOverview: (scope: string) => Promise<void>;
}

// Each scope keeps the number of its latest read: a slow answer lands only in its own scope, and only
// if no newer read of that scope was sent meanwhile, so a tapped-away scope never overwrites another's
// figures and a slow refresh never undoes a quicker one.
let reads = 0;
const latestRead: Record<string, number> = {};

/** A manager's view of how the club is doing, by scope. */
export const useInsightsStore = create<InsightsState>((set) => ({
  overviews: {},
  async loadOverview(scope) {
    const mine = ++reads;
    latestRead[scope] = mine;
    let answer: InsightsOverview;
    try {
      answer = await getInsightsOverview(scope === CLUB_SCOPE ? undefined : scope);
    } catch (err) {
      // An overtaken read's failure is as stale as its figures would have been.
      if (latestRead[scope] === mine) throw err;
      return;
    }
    if (latestRead[scope] !== mine) return;
    set((s) => ({ overviews: { ...s.overviews, [scope]: answer } }));
  },
}));
