import { z } from 'zod';
import { FEEDBACK_SUBJECTS } from '../contracts/feedback.contract';
import { IdSchema } from './common.schema';

/**
 * `POST /feedback`. A purchase or an event must be named (`refId`); a store may be (else the member's
 * home store); "other" names nothing.
 */
export const FeedbackInputSchema = z
  .strictObject({
    subject: z.enum(FEEDBACK_SUBJECTS),
    refId: IdSchema.optional(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(1000).default(''),
    photoUrl: z
      .string()
      .trim()
      .max(500)
      .url()
      .refine((u) => /^https:\/\//i.test(u), 'must be an https URL')
      .optional(),
  })
  .refine((v) => v.refId !== undefined || (v.subject !== 'purchase' && v.subject !== 'event'), {
    message: 'a purchase or an event must be named',
    path: ['refId'],
  })
  .refine((v) => v.refId === undefined || v.subject !== 'other', {
    message: '"other" feedback names nothing',
    path: ['refId'],
  });
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;
