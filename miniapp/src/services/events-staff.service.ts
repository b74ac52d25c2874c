import type {
  AudienceCount,
  CheckInResult,
  ClubEvent,
  CreateEventInput,
  EventEligibility,
  EventRegistrationRow,
  EventStatus,
  EventSummary,
  Paginated,
  RegistrationsQuery,
  UpdateEventInput,
} from '@vip-club/shared';
import { request } from '../lib/request';

const eventPath = (id: string) => `/events/${encodeURIComponent(id)}`;

/** `GET /events` as staff: managers see every status (or one, `status`), clerks the published ones. */
export function listEventsForStaff(
  options: { status?: EventStatus; cursor?: string; limit?: number } = {},
): Promise<Paginated<ClubEvent>> {
  return request<Paginated<ClubEvent>>('/events', {
    query: { status: options.status, cursor: options.cursor, limit: options.limit ?? 50 },
    auth: 'staff',
  });
}

/** `GET /events/{id}` as staff. */
export function getEventForStaff(id: string): Promise<ClubEvent> {
  return request<ClubEvent>(eventPath(id), { auth: 'staff' });
}

/** `POST /events` (manager): a new draft. */
export function createEvent(input: CreateEventInput): Promise<ClubEvent> {
  return request<ClubEvent>('/events', { method: 'POST', body: input, auth: 'staff' });
}

/** `PATCH /events/{id}` (manager). */
export function updateEvent(id: string, input: UpdateEventInput): Promise<ClubEvent> {
  return request<ClubEvent>(eventPath(id), { method: 'PATCH', body: input, auth: 'staff' });
}

/** `POST /events/{id}/publication` (manager): invitations go out. */
export function publishEvent(id: string): Promise<ClubEvent> {
  return request<ClubEvent>(`${eventPath(id)}/publication`, { method: 'POST', auth: 'staff' });
}

/** `POST /events/{id}/cancellation` (manager): every registration is cancelled and refunded. */
export function cancelEvent(id: string, reason: string): Promise<ClubEvent> {
  return request<ClubEvent>(`${eventPath(id)}/cancellation`, {
    method: 'POST',
    body: { reason },
    auth: 'staff',
  });
}

/** `POST /events/audience-count` (manager): how many members an eligibility would invite now. */
export function countAudience(eligibility: EventEligibility): Promise<AudienceCount> {
  return request<AudienceCount>('/events/audience-count', {
    method: 'POST',
    body: { eligibility },
    auth: 'staff',
  });
}

/** `GET /events/{id}/registrations` (manager): waitlisted ones in line order. */
export function listRegistrations(
  id: string,
  query: Partial<RegistrationsQuery> = {},
): Promise<Paginated<EventRegistrationRow>> {
  return request<Paginated<EventRegistrationRow>>(`${eventPath(id)}/registrations`, {
    query: { status: query.status, cursor: query.cursor, limit: query.limit ?? 100 },
    auth: 'staff',
  });
}

/** `GET /events/{id}/summary` (manager). */
export function getEventSummary(id: string): Promise<EventSummary> {
  return request<EventSummary>(`${eventPath(id)}/summary`, { auth: 'staff' });
}

/** `POST /events/{id}/check-ins` (clerk, manager). */
export function checkIn(id: string, ticketCode: string): Promise<CheckInResult> {
  return request<CheckInResult>(`${eventPath(id)}/check-ins`, {
    method: 'POST',
    body: { ticketCode },
    auth: 'staff',
  });
}
