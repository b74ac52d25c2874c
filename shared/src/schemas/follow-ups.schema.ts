import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '../contracts/follow-ups.contract';
import { PaginationQuerySchema } from './common.schema';

/** `POST /follow-ups/{id}/resolution`: what was done for the member. */
export const FollowUpResolutionInputSchema = z.strictObject({ note: z.string().trim().min(1).max(500) });
export type FollowUpResolutionInput = z.infer<typeof FollowUpResolutionInputSchema>;

/** `GET /staff/follow-ups?status=` (default `open`), soonest due first. */
export const FollowUpsQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(FOLLOW_UP_STATUSES).default('open'),
});
export type FollowUpsQuery = z.infer<typeof FollowUpsQuerySchema>;
