import { z } from 'zod';
import type { BirthdayGift, BirthdayGiftSettings } from '../contracts/birthday-gifts.contract';
import { IdSchema } from './common.schema';

export const BirthdayGiftSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('points'), points: z.number().int().min(1).max(1_000_000) }),
  z.strictObject({ kind: z.literal('reward'), rewardId: IdSchema }),
]) satisfies z.ZodType<BirthdayGift>;

/** `PUT /birthday-gifts`: every tier named, null for no gift. */
export const BirthdayGiftSettingsSchema = z.strictObject({
  gifts: z.strictObject({
    friend: BirthdayGiftSchema.nullable(),
    silver: BirthdayGiftSchema.nullable(),
    gold: BirthdayGiftSchema.nullable(),
    diamond: BirthdayGiftSchema.nullable(),
  }),
  guardDays: z.number().int().min(0).max(366),
}) satisfies z.ZodType<BirthdayGiftSettings>;
