import type {
  EventFeedbackInput,
  EventFeedbackResult,
  EventForMember,
  MyTicket,
  Paginated,
  RegistrationCancelled,
  RegistrationCreated,
} from '@vip-club/shared';
import { request } from '../lib/request';

const eventPath = (id: string) => `/events/${encodeURIComponent(id)}`;

/** `GET /events`: the events this member is invited to (or registered for), soonest first. */
export async function listEvents(): Promise<EventForMember[]> {
  const page = await request<Paginated<EventForMember>>('/events', { query: { limit: 100 }, auth: 'member' });
  return page.items;
}

/** `GET /events/{id}`: one event with where registration stands for this member. */
export function getEvent(id: string): Promise<EventForMember> {
  return request<EventForMember>(eventPath(id), { auth: 'member' });
}

/** `POST /events/{id}/registrations`: one key per confirmation, so a retried tap never registers twice. */
export function registerForEvent(
  id: string,
  guests: number,
  idempotencyKey: string,
): Promise<RegistrationCreated> {
  return request<RegistrationCreated>(`${eventPath(id)}/registrations`, {
    method: 'POST',
    body: { guests },
    auth: 'member',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** `DELETE /events/{id}/registrations/me`: gives the seat (or the place in line) back. */
export function cancelRegistration(id: string): Promise<RegistrationCancelled> {
  return request<RegistrationCancelled>(`${eventPath(id)}/registrations/me`, {
    method: 'DELETE',
    auth: 'member',
  });
}

/** `GET /me/registrations`: the member's tickets, live ones first by start. */
export async function listMyTickets(): Promise<MyTicket[]> {
  const page = await request<Paginated<MyTicket>>('/me/registrations', {
    query: { limit: 100 },
    auth: 'member',
  });
  return page.items;
}

/** `POST /events/{id}/feedback`: once, by a member who came. */
export function rateEvent(id: string, input: EventFeedbackInput): Promise<EventFeedbackResult> {
  return request<EventFeedbackResult>(`${eventPath(id)}/feedback`, {
    method: 'POST',
    body: input,
    auth: 'member',
  });
}
