import { readFileSync } from 'node:fs';
import type {
  AudienceCount,
  CardCode,
  ClubEvent,
  CreateEventInput,
  EventEligibility,
  EventRegistrationRow,
  EventStatus,
  EventSummary,
  InvitableMember,
  JoinResponse,
  Me,
  Paginated,
  PlatformLoginResponse,
  RegistrationCreated,
  StaffLoginResponse,
  UpdateEventInput,
} from '@vip-club/shared';
import type { E2eState } from './global-setup';
import { httpJson } from './http';

/** The running server's address, written by the global setup. */
export function baseUrl(): string {
  const stateFile = process.env.MINIAPP_E2E_STATE;
  if (!stateFile) throw new Error('MINIAPP_E2E_STATE is not set: run through the miniapp-e2e jest project');
  return (JSON.parse(readFileSync(stateFile, 'utf8')) as E2eState).baseUrl;
}

/** One API call that must succeed (2xx), its body typed as the caller expects. */
export async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await httpJson(`${baseUrl()}/api/v1${path}`, init);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

/** A member as the API knows them, through the same sandbox login the H5 app uses. */
export async function memberByApi(
  sandboxId: string,
): Promise<{ token: string; me: Me; cardCode: () => Promise<CardCode> }> {
  const login = await call<PlatformLoginResponse>('/auth/wechat', {
    method: 'POST',
    body: { code: `sandbox:${sandboxId}` },
  });
  const token = login.accessToken;
  const me = await call<Me>('/me', { token });
  return { token, me, cardCode: () => call<CardCode>('/me/card-code', { token }) };
}

/**
 * A newcomer joins at `storeId` through the sandbox login, as the join form would. `sandboxId` and the
 * 11-digit `phone` must be the caller's own: a second join with either is someone else's membership.
 * She declines club messages unless `marketing` says she welcomes them.
 */
export async function joinByApi(
  sandboxId: string,
  phone: string,
  name: string,
  storeId: string,
  { marketing = false }: { marketing?: boolean } = {},
): Promise<JoinResponse> {
  const login = await call<PlatformLoginResponse>('/auth/wechat', {
    method: 'POST',
    body: { code: `sandbox:${sandboxId}` },
  });
  return call<JoinResponse>('/members', {
    method: 'POST',
    token: login.accessToken,
    body: {
      name,
      gender: 'female',
      birthday: '1990-05-20',
      phoneCode: `sandbox:${phone}`,
      storeId,
      consent: { marketing },
    },
  });
}

// events: staff
/** A staff member's access token, through the same login the staff screens use. */
export async function staffTokenByApi(username: string, password: string): Promise<string> {
  const login = await call<StaffLoginResponse>('/auth/staff', {
    method: 'POST',
    body: { username, password },
  });
  return login.accessToken;
}

/** `POST /events/audience-count` (manager): what the editor's live count should read. */
export async function audienceCountByApi(
  managerToken: string,
  eligibility: EventEligibility,
): Promise<number> {
  const answer = await call<AudienceCount>('/events/audience-count', {
    method: 'POST',
    body: { eligibility },
    token: managerToken,
  });
  return answer.count;
}

/** `GET /events?status=` (manager): the newest page. */
export async function eventsByApi(managerToken: string, status?: EventStatus): Promise<ClubEvent[]> {
  const page = await call<Paginated<ClubEvent>>(`/events?limit=100${status ? `&status=${status}` : ''}`, {
    token: managerToken,
  });
  return page.items;
}

/** `PATCH /events/{id}` (manager). */
export function updateEventByApi(
  managerToken: string,
  id: string,
  changes: UpdateEventInput,
): Promise<ClubEvent> {
  return call<ClubEvent>(`/events/${id}`, { method: 'PATCH', body: changes, token: managerToken });
}

/** `POST /events/{id}/registrations` (member). */
export function registerForEventByApi(
  memberToken: string,
  eventId: string,
  guests = 0,
): Promise<RegistrationCreated> {
  return call<RegistrationCreated>(`/events/${eventId}/registrations`, {
    method: 'POST',
    body: { guests },
    token: memberToken,
  });
}

/** `GET /events/{id}/registrations?status=` (manager). */
export async function eventRegistrationsByApi(
  managerToken: string,
  eventId: string,
  status: 'confirmed' | 'waitlisted',
): Promise<EventRegistrationRow[]> {
  const page = await call<Paginated<EventRegistrationRow>>(
    `/events/${eventId}/registrations?status=${status}&limit=100`,
    { token: managerToken },
  );
  return page.items;
}

// events: member
/** A manager's points adjustment (with its required reason), e.g. to give a member enough to register. */
export async function adjustPointsByApi(
  token: string,
  memberId: string,
  delta: number,
  reason: string,
): Promise<void> {
  await call(`/members/${memberId}/points/adjustments`, { method: 'POST', body: { delta, reason }, token });
}

/** A manager creates an event and publishes it, as the editor would. */
export async function publishEventByApi(token: string, input: CreateEventInput): Promise<ClubEvent> {
  const draft = await call<ClubEvent>('/events', { method: 'POST', body: input, token });
  return call<ClubEvent>(`/events/${draft.id}/publication`, { method: 'POST', token });
}

/** A door check-in by a clerk or manager, by the ticket code the member shows. */
export async function checkInByApi(token: string, eventId: string, ticketCode: string): Promise<void> {
  await call(`/events/${eventId}/check-ins`, { method: 'POST', body: { ticketCode }, token });
}

// events: invitations
/** `GET /events/{id}/invitable` (clerk): the first page of their own members the event invites. */
export async function invitableByApi(clerkToken: string, eventId: string): Promise<InvitableMember[]> {
  const page = await call<Paginated<InvitableMember>>(`/events/${eventId}/invitable?limit=100`, {
    token: clerkToken,
  });
  return page.items;
}

/** `GET /events/{id}/summary` (manager): seats, door and the clerks' invitation funnel. */
export function eventSummaryByApi(managerToken: string, eventId: string): Promise<EventSummary> {
  return call<EventSummary>(`/events/${eventId}/summary`, { token: managerToken });
}
