import { z } from 'zod';
import { TIERS } from '../enums/tier';
import { BirthdaySchema } from './birthday.schema';
import { PersonNameSchema, PhoneSchema } from './common.schema';

/** The header of a member-base import file (any order, each exactly once). */
export const MEMBER_IMPORT_COLUMNS = [
  'phone',
  'name',
  'birthday',
  'tier',
  'points',
  'joined_at',
  'store',
] as const;
/** One column of a member-base import file. */
export type MemberImportColumn = (typeof MEMBER_IMPORT_COLUMNS)[number];

/** Most data rows one import request may carry; a bigger base is sent in several files. */
export const MAX_IMPORT_ROWS = 20_000;
/** Largest import file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most points one imported balance may carry. */
export const MAX_IMPORTED_POINTS = 100_000_000;

/** `Idempotency-Key` of an import: becomes the import's reference in every ledger entry it makes. */
export const ImportRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores');

const JoinedAtSchema = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success,
    'must be a date YYYY-MM-DD or an ISO-8601 time with offset',
  )
  .refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)), 'must be a real date');

/**
 * One data row of an import file, every field as text (empty optional fields allowed: birthday,
 * joined_at, store). Points are a whole number ≥ 0; tier one of the club's tiers.
 */
export const MemberImportRowSchema = z.strictObject({
  phone: PhoneSchema,
  name: PersonNameSchema,
  birthday: z.union([z.literal(''), BirthdaySchema], {
    error: 'must be a real date written MM-DD or YYYY-MM-DD',
  }),
  tier: z.enum(TIERS, { error: `must be one of ${TIERS.join(', ')}` }),
  points: z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .refine((v) => !v.startsWith('-'), 'must not be negative')
    .transform(Number)
    .refine((n) => n <= MAX_IMPORTED_POINTS, `must be at most ${MAX_IMPORTED_POINTS}`),
  joined_at: z.union([z.literal(''), JoinedAtSchema], {
    error: 'must be a date YYYY-MM-DD or an ISO-8601 time with offset',
  }),
  store: z.string().max(60, 'must be a store id or name of at most 60 characters'),
});
export type MemberImportRow = z.input<typeof MemberImportRowSchema>;
export type MemberImportRowParsed = z.output<typeof MemberImportRowSchema>;

/** `POST /members/imports` as JSON, for clients that cannot send `text/csv` (JSON bodies stay small). */
export const MemberImportJsonInputSchema = z.strictObject({ csv: z.string().min(1) });
export type MemberImportJsonInput = z.infer<typeof MemberImportJsonInputSchema>;
