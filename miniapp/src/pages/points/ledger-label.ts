import type { LedgerKind } from '@vip-club/shared';
import type { MessageKey } from '../../i18n';

/** The member-facing words for a ledger entry's kind. */
export function ledgerLabelKey(kind: LedgerKind): MessageKey {
  return `ledger.${kind}`;
}
