import type {
  CheckInResult,
  ClubEvent,
  EventEligibility,
  EventRegistrationRow,
  EventStatus,
  EventSummary,
  Tier,
} from '@vip-club/shared';
import { create } from 'zustand';
import { ApiError } from '../lib/api-error';
import {
  checkIn,
  countAudience,
  getEventForStaff,
  getEventSummary,
  listEventsForStaff,
  listRegistrations,
} from '../services/events-staff.service';

/** What the door shows after a scan: a welcome, a second scan, or a ticket that does not admit. */
export type DoorAnswer =
  | { kind: 'welcome'; name: string; tier: Tier; seats: number; guests: number; checkedInAt: string }
  | { kind: 'repeat'; name: string; memberNo: string; checkedInAt: string }
  | { kind: 'refused'; error: unknown };

/** Waiting this long after the last change before counting spares the server a query per tap. */
export const AUDIENCE_DEBOUNCE_MS = 350;

interface EventsStaffState {
  events: ClubEvent[];
  loadEvents: (status?: EventStatus) => Promise<void>;

  /** Members the eligibility being edited would invite; null until counted. */
  audienceCount: number | null;
  isCounting: boolean;
  /** Counts after a short pause; only the answer to the newest eligibility is kept. */
  countAudienceSoon: (eligibility: EventEligibility) => void;

  event: ClubEvent | null;
  confirmed: EventRegistrationRow[];
  waitlisted: EventRegistrationRow[];
  summary: EventSummary | null;
  loadEvent: (id: string) => Promise<ClubEvent>;
  loadRegistrations: (id: string) => Promise<void>;
  /** The event's counters and summary, re-read while the manager watches the door fill up. */
  refreshLive: (id: string) => Promise<void>;

  /** Admits a ticket at the door; the running count follows the answer. */
  admit: (eventId: string, ticketCode: string) => Promise<DoorAnswer>;
}

let countTimer: ReturnType<typeof setTimeout> | undefined;
let countSequence = 0;
let listSequence = 0;

function repeatOf(error: unknown): DoorAnswer | null {
  if (!(error instanceof ApiError) || error.code !== 'ALREADY_CHECKED_IN') return null;
  const details = error.details as { checkedInAt?: string; member?: { name?: string; memberNo?: string } };
  if (!details || Array.isArray(details) || typeof details.checkedInAt !== 'string') return null;
  return {
    kind: 'repeat',
    name: details.member?.name ?? '',
    memberNo: details.member?.memberNo ?? '',
    checkedInAt: details.checkedInAt,
  };
}

function welcomeOf(result: CheckInResult): DoorAnswer {
  return {
    kind: 'welcome',
    name: result.member.name,
    tier: result.member.tier,
    seats: result.seats,
    guests: result.guests,
    checkedInAt: result.checkedInAt,
  };
}

async function allRegistrations(
  id: string,
  status: 'confirmed' | 'waitlisted',
): Promise<EventRegistrationRow[]> {
  const rows: EventRegistrationRow[] = [];
  let cursor: string | undefined;
  // A banquet is a few hundred guests at most: the whole list is read, a page at a time.
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await listRegistrations(id, { status, cursor });
    rows.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return rows;
}

/** Club events as managers plan them and clerks receive guests at the door. */
export const useEventsStaffStore = create<EventsStaffState>((set, get) => ({
  events: [],
  async loadEvents(status) {
    // A quick change of filter may answer out of order: only the newest choice's list is shown.
    const sequence = ++listSequence;
    const page = await listEventsForStaff({ status });
    if (sequence === listSequence) set({ events: page.items });
  },

  audienceCount: null,
  isCounting: false,
  countAudienceSoon(eligibility) {
    if (countTimer) clearTimeout(countTimer);
    const sequence = ++countSequence;
    set({ isCounting: true });
    countTimer = setTimeout(() => {
      countAudience(eligibility)
        .then((answer) => {
          if (sequence === countSequence) set({ audienceCount: answer.count, isCounting: false });
        })
        .catch(() => {
          if (sequence === countSequence) set({ audienceCount: null, isCounting: false });
        });
    }, AUDIENCE_DEBOUNCE_MS);
  },

  event: null,
  confirmed: [],
  waitlisted: [],
  summary: null,
  async loadEvent(id) {
    const event = await getEventForStaff(id);
    set({ event });
    return event;
  },
  async loadRegistrations(id) {
    const [confirmed, waitlisted] = await Promise.all([
      allRegistrations(id, 'confirmed'),
      allRegistrations(id, 'waitlisted'),
    ]);
    set({ confirmed, waitlisted });
  },
  async refreshLive(id) {
    // The door's count comes with the event; the summary is a second read that may lag or fail
    // without hiding the count.
    const [event, summary] = await Promise.all([getEventForStaff(id), getEventSummary(id).catch(() => null)]);
    set(summary ? { event, summary } : { event });
  },

  async admit(eventId, ticketCode) {
    try {
      const result = await checkIn(eventId, ticketCode);
      const event = get().event;
      if (event && event.id === eventId) {
        set({
          event: { ...event, checkedInSeats: result.checkedInSeats, confirmedSeats: result.confirmedSeats },
        });
      }
      return welcomeOf(result);
    } catch (error) {
      return repeatOf(error) ?? { kind: 'refused', error };
    }
  },
}));
