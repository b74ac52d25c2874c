/** What kind of gathering an event is. */
export const EVENT_KINDS = ['lecture', 'banquet', 'party', 'gathering', 'trip', 'other'] as const;

/** An event's kind. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** An event's life as managers move it: drafted, published (invitations go out), or cancelled. */
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;

/** An event's status. */
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** A registration holds seats (`confirmed`), waits for one (`waitlisted`), or was given up (`cancelled`). */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;

/** A registration's status. */
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * Age bands an event may invite, by whole years on the day of the check: `under_25` is 0–24,
 * `25_29` is 25–29 and so on, `50_plus` is 50 and over.
 */
export const AGE_BANDS = ['under_25', '25_29', '30_34', '35_39', '40_49', '50_plus'] as const;

/** One age band. */
export type AgeBand = (typeof AGE_BANDS)[number];
