/**
 * Why a channel of a message to a member was skipped, for clients to word in their own language
 * (the English `reason` beside it is for people reading logs and for older clients).
 */
export const DELIVERY_SKIP_CODES = [
  'no_consent',
  'not_subscribed',
  'no_phone',
  'no_provider',
  'provider_refused',
  'marketing_cap',
  'no_template',
] as const;

export type DeliverySkipCode = (typeof DELIVERY_SKIP_CODES)[number];
