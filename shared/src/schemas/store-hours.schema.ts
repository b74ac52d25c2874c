import { z } from 'zod';
import { WEEKDAYS, type WeeklyHours } from '../contracts/store-hours.contract';

const ClockSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM, 00:00 to 24:00');

/** One day: `{open, close}` with open before close, or null for closed. */
export const DayHoursSchema = z
  .strictObject({ open: ClockSchema, close: ClockSchema })
  .refine((d) => d.open < d.close, { message: 'open must be before close', path: ['close'] })
  .nullable();

/** A whole week, every day named; at least one day open, or no deadline could ever fall due. */
export const WeeklyHoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, DayHoursSchema])) as Record<
      (typeof WEEKDAYS)[number],
      typeof DayHoursSchema
    >,
  )
  .refine((week) => WEEKDAYS.some((d) => week[d] !== null), {
    message: 'the store must open at least one day',
  })
  .transform((week) => week as WeeklyHours);

/** `PATCH /stores/{id}`. */
export const UpdateStoreInputSchema = z.strictObject({ openingHours: WeeklyHoursSchema });
export type UpdateStoreInput = z.infer<typeof UpdateStoreInputSchema>;
