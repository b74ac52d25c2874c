import type { Tier } from '../enums/tier';

/** Days a birthday must have been on file before it earns a gift, unless a manager sets otherwise. */
export const BIRTHDAY_GIFT_DEFAULT_GUARD_DAYS = 30;

/** A tier's birthday gift: bonus points, or one unit of a voucher-kind reward (stock permitting). */
export type BirthdayGift = { kind: 'points'; points: number } | { kind: 'reward'; rewardId: string };

/** `GET/PUT /birthday-gifts`: each tier's gift (null: none) and the guard against birthdays entered to catch one. */
export interface BirthdayGiftSettings {
  gifts: Record<Tier, BirthdayGift | null>;
  /** The birthday must have been on file at least this many days when the gift is given. */
  guardDays: number;
}

/** What one run of the `birthdays` job did. */
export interface BirthdaysJobResult {
  /** The club year and month it worked on. */
  year: number;
  month: number;
  /** Members of the month read. */
  scanned: number;
  /** Gifts given by this run, by kind; a voucher with no stock left counts under `outOfStock`. */
  points: number;
  vouchers: number;
  outOfStock: number;
  /** Members whose birthday is today (club time), greeted (a repeat run queues nothing new). */
  greeted: number;
}
