import type { InboxItem } from '@vip-club/shared';
import type { MessageKey } from '../../i18n';

// The kinds the server writes today (outbox topics and the points jobs' notices).
const KINDS = [
  'event_invitation',
  'event_personal_invitation',
  'event_reminder',
  'event_promoted',
  'event_cancelled',
  'event_waitlist_released',
  'points_expiring',
  'tier_changed',
  'birthday_greeting',
  'birthday_gift',
  'greeting',
  'follow_up_resolved',
] as const;

/** The label of a notice's kind; a kind this build does not know yet reads as a plain notice. */
export function kindLabel(kind: string): MessageKey {
  return (KINDS as readonly string[]).includes(kind)
    ? (`inbox.kind.${kind}` as MessageKey)
    : 'inbox.kind.other';
}

/** The event a notice is about, when it is about one. */
export function eventIdOf(item: InboxItem): string | null {
  const id = item.data?.eventId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
