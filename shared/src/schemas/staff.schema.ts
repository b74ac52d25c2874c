import { z } from 'zod';
import { IdSchema, PaginationQuerySchema, PersonNameSchema, PhoneSchema } from './common.schema';

/**
 * `PATCH /staff/{id}` (manager): any of these, at least one; `phone: null` clears the phone, `storeId: null`
 * makes a manager chain-wide again (a clerk belongs to one store: the server refuses it for a clerk).
 */
export const UpdateStaffInputSchema = z
  .strictObject({
    name: PersonNameSchema.optional(),
    password: z.string().min(8, 'must be at least 8 characters').max(128).optional(),
    storeId: IdSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: 'give at least one of name, password, storeId, phone, active',
  });
export type UpdateStaffInput = z.infer<typeof UpdateStaffInputSchema>;

/** `GET /staff`: the usual page, optionally one store's staff only. */
export const StaffListQuerySchema = PaginationQuerySchema.extend({ storeId: IdSchema.optional() });
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

/** The longest period a clerk-activity report covers, in days counted inclusively (a leap year). */
export const CLERK_ACTIVITY_MAX_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const ClubDateSchema = z.iso.date({ message: 'must be a real date written YYYY-MM-DD' });

const PeriodSchema = z.strictObject({
  from: ClubDateSchema.optional(),
  to: ClubDateSchema.optional(),
});

/** The days from `from` to `to` (YYYY-MM-DD), both counted: 1 for a single day, 0 or less when `from` is later. */
export function periodDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
}

function checkPeriod(v: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.from === undefined || v.to === undefined) return;
  const days = periodDays(v.from, v.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  else if (days > CLERK_ACTIVITY_MAX_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${CLERK_ACTIVITY_MAX_DAYS} days after from, both counted`,
    });
  }
}

/**
 * `GET /staff/activity`: club-calendar dates, both inclusive; either may be left out (the server fills
 * in the last 30 days up to today).
 */
export const ClerkActivityQuerySchema = PeriodSchema.extend({ storeId: IdSchema.optional() }).superRefine(
  checkPeriod,
);
export type ClerkActivityQuery = z.infer<typeof ClerkActivityQuerySchema>;

/** A clerk's drill-down page: 50 contacts unless a limit is asked (the mini-program asks for 20), at most 100. */
export const CLERK_CONTACTS_DEFAULT_LIMIT = 50;

/**
 * `GET /staff/{id}/contacts`: the same period, paged like the contract's lists (`?limit=&cursor=`, the cursor
 * the id of the last contact of the previous page).
 */
export const ClerkContactsQuerySchema = PeriodSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(CLERK_CONTACTS_DEFAULT_LIMIT),
  cursor: PaginationQuerySchema.shape.cursor,
}).superRefine(checkPeriod);
export type ClerkContactsQuery = z.infer<typeof ClerkContactsQuerySchema>;
