import type { GreetingInput, GreetingResult } from '@vip-club/shared';
import { request } from '../lib/request';

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
