/**
 * A redemption's life: waiting at the counter, handed over, cancelled (by the member or a manager),
 * or returned on its own because the reward ended before pickup.
 */
export const REDEMPTION_STATUSES = ['awaiting_pickup', 'fulfilled', 'cancelled', 'returned'] as const;

/** A redemption's status. */
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
