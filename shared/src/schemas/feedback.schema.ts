import { z } from 'zod';
import { FEEDBACK_PHOTO_PATH, FEEDBACK_SUBJECTS } from '../contracts/feedback.contract';
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
    /**
     * The `photoUrl` that `POST /feedback/photos` answered (a path on this server). Nothing else: staff
     * phones show the photo, and an address elsewhere would have them fetch whatever a member names.
     */
    photoUrl: z
      .string()
      .trim()
      .max(500)
      .refine((u) => FEEDBACK_PHOTO_PATH.test(u), 'must be a photoUrl from POST /feedback/photos')
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

/** `GET /feedback/photos/{id}/{key}`: the photo's id and its random key. */
export const FeedbackPhotoParamsSchema = z.strictObject({
  id: IdSchema,
  key: z.string().regex(/^[0-9a-f]{32}$/, 'must be the 32-character key of the photo address'),
});
export type FeedbackPhotoParams = z.infer<typeof FeedbackPhotoParamsSchema>;
