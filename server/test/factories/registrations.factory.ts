// Builders for registration tests, through the HTTP API: registering, cancelling, the door, and a
// frozen clock for the window edges (the app runs in the test's process, so it reads the same clock).
import type { CheckInResult, RegistrationCreated } from '@vip-club/shared';
import type { TestAgent } from '../setup/test-app';
import { API, bearer } from './club.factory';
import { HOUR } from './events.factory';

/** POST /events/{id}/registrations, with an Idempotency-Key when given. */
export function register(http: TestAgent, token: string, eventId: string, guests = 0, key?: string) {
  const req = http.post(`${API}/events/${eventId}/registrations`).set(bearer(token));
  if (key !== undefined) req.set('Idempotency-Key', key);
  return req.send({ guests });
}

/** Registers and expects 201; answers the registration. */
export async function registerOk(
  http: TestAgent,
  token: string,
  eventId: string,
  guests = 0,
): Promise<RegistrationCreated> {
  const res = await register(http, token, eventId, guests);
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as RegistrationCreated;
}

/** DELETE /events/{id}/registrations/me. */
export function cancelMine(http: TestAgent, token: string, eventId: string) {
  return http.delete(`${API}/events/${eventId}/registrations/me`).set(bearer(token));
}

/** POST /events/{id}/check-ins. */
export function checkIn(http: TestAgent, staffToken: string, eventId: string, ticketCode: string) {
  return http.post(`${API}/events/${eventId}/check-ins`).set(bearer(staffToken)).send({ ticketCode });
}

export async function checkInOk(
  http: TestAgent,
  staffToken: string,
  eventId: string,
  ticketCode: string,
): Promise<CheckInResult> {
  const res = await checkIn(http, staffToken, eventId, ticketCode);
  if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CheckInResult;
}

/** POST /jobs/{name}/runs as the manager; answers the job's result. */
export async function runJob(http: TestAgent, managerToken: string, name: string): Promise<unknown> {
  const res = await http.post(`${API}/jobs/${name}/runs`).set(bearer(managerToken)).send();
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`job ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Freezes `Date` (only: timers, ticks and I/O run as usual) at `at` for the test and the app under
 * test, which share this process; `thawClock` gives the real clock back.
 */
export function freezeClock(at: Date | number): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

export function thawClock(): void {
  jest.useRealTimers();
}

/** The times of an event starting at `startsAt` (epoch ms) for `lengthMs`, registration open the hour before. */
export function eventTimesFrom(startsAt: number, lengthMs: number) {
  return {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + lengthMs).toISOString(),
    registration: {
      opensAt: new Date(startsAt - HOUR).toISOString(),
      closesAt: new Date(startsAt).toISOString(),
    },
  };
}
