import type { MessageKey } from './i18n';

/** Interests a member can pick; stored on the server by their key, shown in the member's language. */
export const INTEREST_KEYS = [
  'necklace',
  'ring',
  'earring',
  'bracelet',
  'pearl',
  'diamond',
  'jade',
  'gold',
  'bridal',
  'custom',
] as const;

export type InterestKey = (typeof INTEREST_KEYS)[number];

/** The dictionary key for an interest, or undefined for one typed elsewhere (shown as given). */
export function interestLabelKey(interest: string): MessageKey | undefined {
  return (INTEREST_KEYS as readonly string[]).includes(interest)
    ? (`interest.${interest}` as MessageKey)
    : undefined;
}
