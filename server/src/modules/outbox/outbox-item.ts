import type { DeliverySkipCode } from '@vip-club/shared';

/**
 * A message to one member, announced in the transaction of the change it is about. `ref` is unique
 * per message (e.g. `event-promoted:<registrationId>`): enqueueing the same ref again is a no-op.
 * `platform`, when given, also asks for a WeChat/Alipay subscribe message with that template,
 * sent only if the member consented to marketing and accepted that template.
 */
export interface OutboxItem {
  memberId: string;
  /** e.g. 'event_invitation', 'event_promoted', 'event_cancelled', 'event_reminder'; the inbox kind. */
  topic: string;
  ref: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  platform?: {
    template: string;
    fields: Record<string, string>;
    page?: string;
    /** Decided before queueing (e.g. the marketing cap): the platform row is written `skipped` with this reason. */
    skipReason?: string;
    /** The reason's code, for a sender that tells its caller what became of the push. */
    skipCode?: DeliverySkipCode;
  };
}

/** Why a platform message would not go out: the reason written on the row, and its code. */
export interface PushBlocker {
  reason: string;
  code: DeliverySkipCode;
}

/** What one dispatch pass did. */
export interface DispatchOutcome {
  claimed: number;
  inbox: number;
  platformSent: number;
  skipped: number;
  failed: number;
}
