import type {
  AgeBand,
  ClubEvent,
  EventEligibility,
  EventKind,
  FieldError,
  Gender,
  Tier,
} from '@vip-club/shared';
import type { MessageKey } from '../../../i18n';
import { fromClubDateTime, toClubDateTime, type ClubDateTime } from '../../../lib/club-time';

/** The editor's form: what the manager types and taps, before it becomes a request body. */
export interface EventDraft {
  title: string;
  kind: EventKind;
  description: string;
  venue: string;
  storeId: string | null;
  coverImageUrl: string;
  starts: ClubDateTime;
  ends: ClubDateTime;
  capacity: string;
  pointsCost: string;
  guestsAllowed: number;
  tiers: Tier[];
  genders: Gender[];
  ageBands: AgeBand[];
  interests: string[];
  storeIds: string[];
  /** Hand-picked member ids as typed, separated by commas or spaces. */
  memberIds: string;
  opens: ClubDateTime;
  closes: ClubDateTime;
  priorityTiers: Tier[];
  priorityOpens: ClubDateTime;
}

const DAY_MS = 86_400_000;

/**
 * A new event: an evening a week from today, registration open from now until the morning of the
 * event, priority members a day earlier than everyone else when the manager picks any.
 */
export function emptyDraft(now = Date.now()): EventDraft {
  const day = toClubDateTime(now + 7 * DAY_MS).date;
  const opens = toClubDateTime(now);
  return {
    title: '',
    kind: 'banquet',
    description: '',
    venue: '',
    storeId: null,
    coverImageUrl: '',
    starts: { date: day, time: '19:00' },
    ends: { date: day, time: '21:30' },
    capacity: '',
    pointsCost: '0',
    guestsAllowed: 0,
    tiers: [],
    genders: [],
    ageBands: [],
    interests: [],
    storeIds: [],
    memberIds: '',
    opens,
    closes: { date: day, time: '12:00' },
    priorityTiers: [],
    priorityOpens: toClubDateTime(now - DAY_MS),
  };
}

/** The form of a saved event. */
export function draftOf(event: ClubEvent): EventDraft {
  const e = event.eligibility;
  const w = event.registration;
  return {
    title: event.title,
    kind: event.kind,
    description: event.description,
    venue: event.venue,
    storeId: event.storeId,
    coverImageUrl: event.coverImageUrl ?? '',
    starts: toClubDateTime(event.startsAt),
    ends: toClubDateTime(event.endsAt),
    capacity: String(event.capacity),
    pointsCost: String(event.pointsCost),
    guestsAllowed: event.guestsAllowed,
    tiers: e.tiers ?? [],
    genders: e.genders ?? [],
    ageBands: e.ageBands ?? [],
    interests: e.interests ?? [],
    storeIds: e.storeIds ?? [],
    memberIds: (e.memberIds ?? []).join(', '),
    opens: toClubDateTime(w.opensAt),
    closes: toClubDateTime(w.closesAt),
    priorityTiers: w.priorityTiers ?? [],
    priorityOpens: w.priorityOpensAt
      ? toClubDateTime(w.priorityOpensAt)
      : toClubDateTime(Date.parse(w.opensAt) - DAY_MS),
  };
}

/** Hand-picked ids as typed: commas (either width), enumeration commas or spaces between them. */
export function parseMemberIds(text: string): string[] {
  return text
    .split(/[\s,，、]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}

/** The audience: only the criteria the manager narrowed by (an empty one would not narrow anyway). */
export function eligibilityOf(d: EventDraft): EventEligibility {
  const memberIds = parseMemberIds(d.memberIds);
  return {
    ...(d.tiers.length ? { tiers: d.tiers } : {}),
    ...(d.genders.length ? { genders: d.genders } : {}),
    ...(d.ageBands.length ? { ageBands: d.ageBands } : {}),
    ...(d.interests.length ? { interests: d.interests } : {}),
    ...(d.storeIds.length ? { storeIds: d.storeIds } : {}),
    ...(memberIds.length ? { memberIds } : {}),
  };
}

/** The body of `POST /events`, before the shared schema checks it. */
export function inputOf(d: EventDraft): unknown {
  const amount = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    title: d.title,
    kind: d.kind,
    description: d.description,
    venue: d.venue,
    storeId: d.storeId,
    coverImageUrl: d.coverImageUrl.trim() || null,
    startsAt: fromClubDateTime(d.starts),
    endsAt: fromClubDateTime(d.ends),
    capacity: amount(d.capacity),
    pointsCost: amount(d.pointsCost),
    guestsAllowed: d.guestsAllowed,
    eligibility: eligibilityOf(d),
    registration: {
      opensAt: fromClubDateTime(d.opens),
      closesAt: fromClubDateTime(d.closes),
      ...(d.priorityTiers.length
        ? { priorityTiers: d.priorityTiers, priorityOpensAt: fromClubDateTime(d.priorityOpens) }
        : {}),
    },
  };
}

/** The form fields an error can sit under, each with the sentence that explains it. */
const FIELD_MESSAGES = {
  title: 'eventsStaff.error.title',
  venue: 'eventsStaff.error.venue',
  description: 'eventsStaff.error.description',
  coverImageUrl: 'eventsStaff.error.cover',
  capacity: 'eventsStaff.error.capacity',
  pointsCost: 'eventsStaff.error.pointsCost',
  endsAt: 'eventsStaff.error.endsAt',
  startsAt: 'eventsStaff.error.startsAt',
  'registration.opensAt': 'eventsStaff.error.opensAt',
  'registration.closesAt': 'eventsStaff.error.closesAt',
  'registration.priorityOpensAt': 'eventsStaff.error.priorityOpensAt',
  'eligibility.memberIds': 'eventsStaff.error.memberIds',
  'eligibility.interests': 'eventsStaff.error.interests',
} as const satisfies Record<string, MessageKey>;

export type DraftField = keyof typeof FIELD_MESSAGES;

/** Where a schema or server error belongs: `registration.closesAt`, `eligibility.memberIds.3` → the field. */
function fieldOf(path: readonly PropertyKey[]): DraftField | null {
  const [first, second] = path.map(String);
  const key = first === 'registration' || first === 'eligibility' ? `${first}.${second}` : first;
  return key in FIELD_MESSAGES ? (key as DraftField) : null;
}

/** One sentence per field with a problem, the first problem of each winning. */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[] }[],
): Partial<Record<DraftField, MessageKey>> {
  const errors: Partial<Record<DraftField, MessageKey>> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field && !errors[field]) errors[field] = FIELD_MESSAGES[field];
  }
  return errors;
}

/** The server's `VALIDATION_FAILED` details in the same shape as the schema's issues. */
export function issuesOfFieldErrors(fields: readonly FieldError[]): { path: string[] }[] {
  return fields.map((f) => ({ path: f.path.split('.') }));
}
