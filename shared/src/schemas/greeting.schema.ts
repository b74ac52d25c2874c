import { z } from 'zod';
import { IdSchema } from './common.schema';

/** Where a greeting may go: the member's inbox always; the others only as consent allows. */
export const GREETING_CHANNELS = ['inbox', 'wechat', 'alipay', 'sms'] as const;
export type GreetingChannel = (typeof GREETING_CHANNELS)[number];

/** Marketing counts against the 3-day cap and needs consent; a service message (a thank-you, a repair ready) does not. */
export const GREETING_PURPOSES = ['marketing', 'service'] as const;
export type GreetingPurpose = (typeof GREETING_PURPOSES)[number];

/** Personal fields a greeting's text may use; each is filled from the member. */
export const GREETING_FIELDS = ['name', 'tier', 'birthday', 'lastPurchase'] as const;

const GreetingTextSchema = z.string().trim().min(1).max(500);

/**
 * `POST /greetings` (with an `Idempotency-Key` header): `text`, or `templateId` to start from a
 * manager's template. `purpose` defaults to the template's, else `marketing`.
 */
export const GreetingInputSchema = z
  .strictObject({
    memberId: IdSchema,
    text: GreetingTextSchema.optional(),
    templateId: IdSchema.optional(),
    channels: z
      .array(z.enum(GREETING_CHANNELS))
      .min(1)
      .max(GREETING_CHANNELS.length)
      .refine((channels) => new Set(channels).size === channels.length, {
        message: 'channels must not repeat',
      }),
    purpose: z.enum(GREETING_PURPOSES).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.templateId === undefined), {
    message: 'give either text or templateId',
    path: ['text'],
  });
export type GreetingInput = z.infer<typeof GreetingInputSchema>;

/** `POST /greeting-templates` (managers): a text clerks start from, with the same personal fields. */
export const GreetingTemplateInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  text: GreetingTextSchema,
  purpose: z.enum(GREETING_PURPOSES).default('marketing'),
});
export type GreetingTemplateInput = z.infer<typeof GreetingTemplateInputSchema>;
