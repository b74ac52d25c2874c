import type { MemberSubscription } from '@vip-club/shared';
import { create } from 'zustand';
import { platformSubscribe, type SubscribeTemplate } from '../lib/subscribe';
import { recordSubscriptions } from '../services/subscriptions.service';

interface SubscriptionsState {
  /** The member's answers on this platform as the server last confirmed them (empty until one is recorded). */
  items: MemberSubscription[];
  /**
   * Asks the platform's subscribe dialog about these templates and records the answers. Call it from
   * a tap handler before anything is awaited (WeChat opens the dialog only then). Never rejects: the
   * dialog is a courtesy, so a refusal, a closed dialog or a failed request only leaves a log line.
   * `after`: record the answers only once this settles well (joining: the member's token comes with it).
   */
  ask: (templates: readonly SubscribeTemplate[], after?: Promise<unknown>) => Promise<void>;
}

/** The member's subscriptions to the club's platform messages (reminders, invitations). */
export const useSubscriptionsStore = create<SubscriptionsState>((set) => ({
  items: [],

  async ask(templates, after) {
    try {
      // Called synchronously up to the platform API: the tap that called `ask` still counts.
      const answers = await platformSubscribe.ask(templates);
      if (answers.length === 0) return;
      await after;
      const recorded = await recordSubscriptions({ results: answers });
      set({ items: recorded.items });
    } catch (err) {
      console.warn('subscribe dialog: nothing recorded', err);
    }
  },
}));
