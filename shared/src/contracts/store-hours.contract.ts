/** Weekdays in the order the club lists them (Monday first), as keys of {@link WeeklyHours}. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One day's opening on the club clock, `HH:MM` (close may be `24:00`); null: closed all day. */
export type DayHours = { open: string; close: string } | null;

/** A store's week: when its clerks can answer members. Follow-up deadlines count only these hours. */
export type WeeklyHours = Record<Weekday, DayHours>;

/** Hours of a store that never set its own: 10:00–22:00 every day. */
export const DEFAULT_OPENING_HOURS: WeeklyHours = {
  mon: { open: '10:00', close: '22:00' },
  tue: { open: '10:00', close: '22:00' },
  wed: { open: '10:00', close: '22:00' },
  thu: { open: '10:00', close: '22:00' },
  fri: { open: '10:00', close: '22:00' },
  sat: { open: '10:00', close: '22:00' },
  sun: { open: '10:00', close: '22:00' },
};

/** `PATCH /stores/{id}` answer: the store with its opening hours. */
export interface StoreWithHours {
  id: string;
  name: string;
  city: string;
  address: string;
  openingHours: WeeklyHours;
}
