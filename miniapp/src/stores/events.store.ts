import type {
  EventFeedbackResult,
  EventForMember,
  MyTicket,
  RegistrationCancelled,
  RegistrationCreated,
} from '@vip-club/shared';
import { create } from 'zustand';
import {
  cancelRegistration,
  getEvent,
  listEvents,
  listMyTickets,
  rateEvent,
  registerForEvent,
} from '../services/events.service';

interface EventsState {
  events: EventForMember[];
  /** Events opened in detail, by id: the freshest answer for each. */
  byId: Record<string, EventForMember>;
  tickets: MyTicket[];
  loadEvents: () => Promise<void>;
  loadEvent: (id: string) => Promise<EventForMember>;
  loadTickets: () => Promise<void>;
  /** Registers with the caller's key: the same key on a retry returns the first answer. */
  register: (eventId: string, guests: number, idempotencyKey: string) => Promise<RegistrationCreated>;
  cancel: (eventId: string) => Promise<RegistrationCancelled>;
  rate: (eventId: string, rating: number, comment: string) => Promise<EventFeedbackResult>;
}

/** The member's club events and their tickets. */
export const useEventsStore = create<EventsState>((set, get) => {
  const keep = (event: EventForMember) => {
    set((s) => ({
      byId: { ...s.byId, [event.id]: event },
      events: s.events.map((e) => (e.id === event.id ? event : e)),
    }));
    return event;
  };

  // Seats, the waitlist and the member's own registration all moved: re-read rather than patch.
  const refreshAfterChange = (eventId: string) =>
    Promise.all([get().loadEvent(eventId), get().loadTickets()]).catch(() => undefined);

  return {
    events: [],
    byId: {},
    tickets: [],

    async loadEvents() {
      set({ events: await listEvents() });
    },

    async loadEvent(id) {
      return keep(await getEvent(id));
    },

    async loadTickets() {
      set({ tickets: await listMyTickets() });
    },

    async register(eventId, guests, idempotencyKey) {
      const created = await registerForEvent(eventId, guests, idempotencyKey);
      await refreshAfterChange(eventId);
      return created;
    },

    async cancel(eventId) {
      const cancelled = await cancelRegistration(eventId);
      await refreshAfterChange(eventId);
      return cancelled;
    },

    async rate(eventId, rating, comment) {
      const result = await rateEvent(eventId, { rating, comment });
      await get()
        .loadTickets()
        .catch(() => undefined);
      return result;
    },
  };
});
