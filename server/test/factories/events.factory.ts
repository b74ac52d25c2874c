// Builders for events tests, through the HTTP API as the manager: an event with sensible defaults
// (registration open now, the event a week ahead), and the same event published.
import type { ClubEvent, CreateEventInput, EventEligibility } from '@vip-club/shared';
import type { TestAgent } from '../setup/test-app';
import { API, bearer, unique } from './club.factory';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Shifts an ISO time by `ms`. */
export const isoIn = (ms: number, from = Date.now()): string => new Date(from + ms).toISOString();

/**
 * A valid `POST /events` body: registration opened an hour ago and closes a day before the event,
 * which starts in a week and lasts three hours; free, 50 seats, one guest, everyone invited.
 * `overrides` replace whole fields (pass a whole `registration` to change the window).
 */
export function eventBody(overrides: Partial<CreateEventInput> = {}): CreateEventInput {
  const startsAt = Date.now() + 7 * DAY;
  return {
    title: unique('钻石鉴赏讲座'),
    kind: 'lecture',
    description: '资深鉴定师带您认识钻石的 4C。',
    venue: '上海旗舰店三楼',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 3 * HOUR).toISOString(),
    capacity: 50,
    pointsCost: 0,
    guestsAllowed: 1,
    eligibility: {},
    registration: {
      opensAt: isoIn(-HOUR),
      closesAt: new Date(startsAt - DAY).toISOString(),
    },
    ...overrides,
  };
}

/** `POST /events` as the manager (a draft); throws with the answer when it is not 201. */
export async function createEvent(
  http: TestAgent,
  managerToken: string,
  overrides: Partial<CreateEventInput> = {},
): Promise<ClubEvent> {
  const res = await http.post(`${API}/events`).set(bearer(managerToken)).send(eventBody(overrides));
  if (res.status !== 201) throw new Error(`POST /events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ClubEvent;
}

/** `POST /events/{id}/publication` as the manager; throws with the answer when it is not 200. */
export async function publishEvent(
  http: TestAgent,
  managerToken: string,
  eventId: string,
): Promise<ClubEvent> {
  const res = await http.post(`${API}/events/${eventId}/publication`).set(bearer(managerToken)).send();
  if (res.status !== 200)
    throw new Error(`POST /events/${eventId}/publication: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ClubEvent;
}

/** A new event, created and published. */
export async function createPublishedEvent(
  http: TestAgent,
  managerToken: string,
  overrides: Partial<CreateEventInput> = {},
): Promise<ClubEvent> {
  const event = await createEvent(http, managerToken, overrides);
  return publishEvent(http, managerToken, event.id);
}

/** `POST /events/audience-count`: how many live members `eligibility` invites now. */
export async function audienceCount(
  http: TestAgent,
  managerToken: string,
  eligibility: EventEligibility,
): Promise<number> {
  const res = await http.post(`${API}/events/audience-count`).set(bearer(managerToken)).send({ eligibility });
  if (res.status !== 200)
    throw new Error(`POST /events/audience-count: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.count as number;
}
