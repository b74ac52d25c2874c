import { z } from 'zod';

/**
 * `POST /me/subscriptions`: what the WeChat/Alipay subscribe dialog answered, one entry per template
 * it asked about. The platform is the one the member is logged in through.
 */
export const SubscriptionResultsInputSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        template: z.string().trim().min(1).max(64),
        accepted: z.boolean(),
      }),
    )
    .min(1)
    .max(20),
});
export type SubscriptionResultsInput = z.infer<typeof SubscriptionResultsInputSchema>;
