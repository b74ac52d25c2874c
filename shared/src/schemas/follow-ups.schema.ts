import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '../contracts/follow-ups.contract';
import { PaginationQuerySchema } from './common.schema';

/** `POST /follow-ups/{id}/resolution`: what was done for the member. */
export const FollowUpResolutionInputSchema = z.strictObject({ note: z.string().trim().min(1).max(500) });
export type FollowUpResolutionInput = z.infer<typeof FollowUpResolutionInputSchema>;

/** `POST /follow-ups/{id}/first-response`: how the member was reached. */
export const FollowUpFirstResponseInputSchema = FollowUpResolutionInputSchema;
export type FollowUpFirstResponseInput = z.infer<typeof FollowUpFirstResponseInputSchema>;

/** `GET /staff/follow-ups?status=&escalated=` (default `open`, escalated or not), soonest due first. */
export const FollowUpsQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(FOLLOW_UP_STATUSES).default('open'),
  /** `true`: only those handed to the managers; `false`: only those not. */
  escalated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type FollowUpsQuery = z.infer<typeof FollowUpsQuerySchema>;
