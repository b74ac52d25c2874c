/** What a reward is: a gift handed over in store, or a voucher. */
export const REWARD_KINDS = ['gift', 'voucher'] as const;

/** A reward's kind. */
export type RewardKind = (typeof REWARD_KINDS)[number];
