import { z } from 'zod';
import { AGE_BANDS, EVENT_KINDS, EVENT_STATUSES } from '../enums/event';
import { GENDERS } from '../enums/gender';
import { TIERS } from '../enums/tier';
import { IdSchema, PaginationQuerySchema } from './common.schema';
import { InterestsSchema } from './member.schema';
import { PICKUP_CODE_ALPHABET } from './rewards.schema';

/** Most guests one member may bring to an event (a plus-one for Valentine's, a family for a day trip). */
export const MAX_GUESTS_ALLOWED = 3;

/** Most members a manager may hand-pick for one event. */
export const MAX_HAND_PICKED_MEMBERS = 5000;

/** Largest room an event may fill. */
export const MAX_EVENT_CAPACITY = 100_000;

/** Characters in a ticket code (same look-alike-free alphabet as pickup codes). */
export const TICKET_CODE_LENGTH = 10;

const IsoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time with offset' });

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;
const distinctList = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max).refine(distinct, 'must not name the same value twice');

/**
 * Who is invited. Each criterion given narrows the audience (a member must match every one, and any
 * value within it); a criterion left out or empty does not narrow. Hand-picked members are invited
 * whatever the criteria say.
 */
export const EventEligibilitySchema = z.strictObject({
  tiers: distinctList(z.enum(TIERS), TIERS.length).optional(),
  genders: distinctList(z.enum(GENDERS), GENDERS.length).optional(),
  /** A member whose birthday has no year is in no age band. */
  ageBands: distinctList(z.enum(AGE_BANDS), AGE_BANDS.length).optional(),
  /** Any one shared interest is enough. */
  interests: InterestsSchema.refine(distinct, 'must not name the same value twice').optional(),
  /** Members whose home store is one of these. */
  storeIds: distinctList(IdSchema, 200).optional(),
  /** Hand-picked members, invited whatever the criteria above. */
  memberIds: distinctList(IdSchema, MAX_HAND_PICKED_MEMBERS).optional(),
});
export type EventEligibility = z.infer<typeof EventEligibilitySchema>;

/**
 * When members may register: `[opensAt, closesAt)`. Members of `priorityTiers` may start earlier, at
 * `priorityOpensAt`; both are given or neither.
 */
export const RegistrationWindowSchema = z
  .strictObject({
    opensAt: IsoDateTimeSchema,
    closesAt: IsoDateTimeSchema,
    priorityTiers: distinctList(z.enum(TIERS), TIERS.length).optional(),
    priorityOpensAt: IsoDateTimeSchema.optional(),
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    message: 'must be later than opensAt',
    path: ['closesAt'],
  })
  .refine((w) => (w.priorityOpensAt === undefined) === !(w.priorityTiers && w.priorityTiers.length > 0), {
    message: 'priorityTiers and priorityOpensAt come together',
    path: ['priorityOpensAt'],
  })
  .refine((w) => w.priorityOpensAt === undefined || Date.parse(w.priorityOpensAt) < Date.parse(w.opensAt), {
    message: 'must be earlier than opensAt',
    path: ['priorityOpensAt'],
  });
export type RegistrationWindow = z.infer<typeof RegistrationWindowSchema>;

const eventFields = {
  title: z.string().trim().min(1).max(60),
  kind: z.enum(EVENT_KINDS),
  description: z.string().trim().max(4000),
  venue: z.string().trim().min(1).max(120),
  /** The hosting store (its clerks check guests in; low ratings open its follow-ups). */
  storeId: IdSchema.nullable().optional(),
  coverImageUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(500)
    .nullable()
    .optional(),
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  /** Seats in all, members and their guests alike. */
  capacity: z.number().int().min(1).max(MAX_EVENT_CAPACITY),
  /** Points per registration (not per seat); 0 for a free event. */
  pointsCost: z.number().int().min(0).max(100_000_000),
  guestsAllowed: z.number().int().min(0).max(MAX_GUESTS_ALLOWED),
  eligibility: EventEligibilitySchema,
  registration: RegistrationWindowSchema,
};

const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) =>
  v.startsAt === undefined || v.endsAt === undefined || Date.parse(v.endsAt) > Date.parse(v.startsAt);
const ENDS_MESSAGE = { message: 'must be later than startsAt', path: ['endsAt'] };
const closesBeforeStart = (v: { startsAt?: string; registration?: RegistrationWindow }) =>
  v.startsAt === undefined ||
  v.registration === undefined ||
  Date.parse(v.registration.closesAt) <= Date.parse(v.startsAt);
const CLOSES_MESSAGE = { message: 'must be no later than startsAt', path: ['registration', 'closesAt'] };

/** `POST /events`: a new event, in `draft`. */
export const CreateEventInputSchema = z
  .strictObject(eventFields)
  .refine(endsAfterStart, ENDS_MESSAGE)
  .refine(closesBeforeStart, CLOSES_MESSAGE);
export type CreateEventInput = z.infer<typeof CreateEventInputSchema>;

/**
 * `PATCH /events/{id}`: any of the fields. A published event keeps its eligibility (invitations are
 * out) and may not shrink below the seats already confirmed; times given by halves are checked
 * against the stored other half by the server.
 */
export const UpdateEventInputSchema = z
  .strictObject(eventFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field')
  .refine(endsAfterStart, ENDS_MESSAGE)
  .refine(closesBeforeStart, CLOSES_MESSAGE);
export type UpdateEventInput = z.infer<typeof UpdateEventInputSchema>;

/** `POST /events/audience-count`: how many members an eligibility would invite, before publishing. */
export const AudienceCountInputSchema = z.strictObject({ eligibility: EventEligibilitySchema });
export type AudienceCountInput = z.infer<typeof AudienceCountInputSchema>;

/** `POST /events/{id}/registrations`. */
export const RegisterInputSchema = z.strictObject({
  guests: z.number().int().min(0).max(MAX_GUESTS_ALLOWED).default(0),
});
export type RegisterInput = z.input<typeof RegisterInputSchema>;

/** A ticket code as scanned or typed (case and surrounding spaces forgiven). */
export const TicketCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${PICKUP_CODE_ALPHABET}]{${TICKET_CODE_LENGTH}}$`),
    `must be a ${TICKET_CODE_LENGTH}-character ticket code`,
  );

/** `POST /events/{id}/check-ins`. */
export const CheckInInputSchema = z.strictObject({ ticketCode: TicketCodeSchema });
export type CheckInInput = z.infer<typeof CheckInInputSchema>;

/** `POST /events/{id}/feedback`: by a member who attended, once. */
export const EventFeedbackInputSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).default(''),
});
export type EventFeedbackInput = z.input<typeof EventFeedbackInputSchema>;

/** `POST /events/{id}/cancellation` (manager): why, told to everyone registered. */
export const CancelEventInputSchema = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export type CancelEventInput = z.infer<typeof CancelEventInputSchema>;

/** `POST /events/{id}/invitations` (clerk): personal invitations to some of the clerk's own members. */
export const ClerkInvitationsInputSchema = z.strictObject({
  memberIds: distinctList(IdSchema, 200).refine((ids) => ids.length > 0, 'must name at least one member'),
  /** A personal line from the clerk, shown above the invitation. */
  note: z.string().trim().max(200).optional(),
});
export type ClerkInvitationsInput = z.infer<typeof ClerkInvitationsInputSchema>;

/** `GET /events` for managers (`?status=`) and members (published only), newest start first. */
export const EventsQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(EVENT_STATUSES).optional(),
});
export type EventsQuery = z.infer<typeof EventsQuerySchema>;

/** `GET /events/{id}/registrations` (`?status=`). */
export const RegistrationsQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(['confirmed', 'waitlisted', 'cancelled', 'checked_in']).optional(),
});
export type RegistrationsQuery = z.infer<typeof RegistrationsQuerySchema>;
