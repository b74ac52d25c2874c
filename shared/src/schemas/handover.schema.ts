import { z } from 'zod';
import { IdSchema } from './common.schema';

/**
 * `POST /staff/{id}/handover` (manager): a leaving clerk's members go to other active clerks, spread
 * evenly in the order named, or all to one.
 */
export const HandoverInputSchema = z
  .strictObject({
    mode: z.enum(['spread', 'one']),
    toStaffIds: z
      .array(IdSchema)
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a clerk twice')
      .optional(),
    toStaffId: IdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'spread' && !v.toStaffIds)
      ctx.addIssue({ code: 'custom', path: ['toStaffIds'], message: 'Required' });
    if (v.mode === 'one' && !v.toStaffId)
      ctx.addIssue({ code: 'custom', path: ['toStaffId'], message: 'Required' });
  });
export type HandoverInput = z.infer<typeof HandoverInputSchema>;
