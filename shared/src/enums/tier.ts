/** The club's tiers, lowest first. */
export const TIERS = ['friend', 'silver', 'gold', 'diamond'] as const;

/** A member's tier. */
export type Tier = (typeof TIERS)[number];

/** Tier names as a lookup object (`Tier.gold`). */
export const Tier = {
  friend: 'friend',
  silver: 'silver',
  gold: 'gold',
  diamond: 'diamond',
} as const satisfies Record<Tier, Tier>;
