import type { DeliverySkipCode } from '../enums/delivery-skip-code';
import type { GreetingChannel, GreetingPurpose } from '../schemas/greeting.schema';

/**
 * What became of one channel of a greeting: `queued` for delivery, or `skipped` with the reason in
 * English and its `code`. Contacts recorded before codes existed carry the reason only.
 */
export interface GreetingDelivery {
  channel: GreetingChannel;
  status: 'queued' | 'skipped';
  reason?: string;
  code?: DeliverySkipCode;
}

/** `POST /greetings` → 201; a retry with the same `Idempotency-Key` gets the same answer. */
export interface GreetingResult {
  id: string;
  deliveries: GreetingDelivery[];
}

/** One contact on a member's history (`GET /members/{id}/contacts`, newest first). */
export interface MemberContact {
  id: string;
  staffId: string;
  staffName: string;
  purpose: GreetingPurpose;
  text: string;
  deliveries: GreetingDelivery[];
  at: string;
}

export interface MemberContacts {
  items: MemberContact[];
}

/** A manager's greeting template (`GET /greeting-templates`, newest first). */
export interface GreetingTemplate {
  id: string;
  name: string;
  text: string;
  purpose: GreetingPurpose;
  createdAt: string;
}

export interface GreetingTemplates {
  items: GreetingTemplate[];
}
