/** Kinds of points-ledger entries (the ledger is append-only). */
export const LEDGER_KINDS = [
  'earn',
  'bonus',
  'redeem',
  'redeem_cancel',
  'refund_reversal',
  'expire',
  'adjust',
] as const;

/** A points-ledger entry kind. */
export type LedgerKind = (typeof LEDGER_KINDS)[number];
