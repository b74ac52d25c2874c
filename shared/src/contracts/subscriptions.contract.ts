import type { Platform } from '../enums/platform';

/** One template the member answered in the platform's subscribe dialog. */
export interface MemberSubscription {
  template: string;
  platform: Platform;
  accepted: boolean;
  updatedAt: string;
}

/** `POST /me/subscriptions`: the member's answers on this platform after recording these. */
export interface MemberSubscriptions {
  items: MemberSubscription[];
}
