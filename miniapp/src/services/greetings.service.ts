import type { GreetingInput, GreetingResult, GreetingTemplates, MemberContacts } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /greeting-templates` (clerk, manager): the managers' templates, newest first. */
export function listGreetingTemplates(): Promise<GreetingTemplates> {
  return request<GreetingTemplates>('/greeting-templates', { auth: 'staff' });
}

/**
 * `POST /greetings` (clerk): 201 with a delivery per channel; the same key again answers the first
 * greeting; 409 CONTACT_CAP_REACHED (details `nextAllowedAt`) within 3 days of the last marketing message.
 */
export function sendGreeting(input: GreetingInput, idempotencyKey: string): Promise<GreetingResult> {
  return request<GreetingResult>('/greetings', {
    method: 'POST',
    body: input,
    auth: 'staff',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** `GET /members/{id}/contacts`: the member's contact history, newest first. */
export function listMemberContacts(memberId: string): Promise<MemberContacts> {
  return request<MemberContacts>(`/members/${encodeURIComponent(memberId)}/contacts`, { auth: 'staff' });
}
