import { z } from 'zod';
import { REWARD_KINDS } from '../enums/reward-kind';
import { TIERS } from '../enums/tier';

/** Most units of one reward a single redemption may take. */
export const MAX_REDEMPTION_QUANTITY = 10;

/** Pickup codes avoid look-alikes (0/O, 1/I/L): a clerk may have to type one the scanner cannot read. */
export const PICKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Characters in a pickup code: 31^8 ≈ 8.5·10^11 codes, short enough to read aloud. */
export const PICKUP_CODE_LENGTH = 8;

const IsoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time with offset' });

const rewardFields = {
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(2000),
  kind: z.enum(REWARD_KINDS),
  /** Points per unit. */
  pointsCost: z.number().int().min(1).max(100_000_000),
  /** Units offered in all; what is left falls as members redeem and rises when they cancel. */
  stock: z.number().int().min(0).max(1_000_000),
  /** Units one member may hold at once (awaiting pickup or handed over). */
  perMemberLimit: z.number().int().min(1).max(1000),
  /** Tiers that may redeem; empty means every tier. */
  tiers: z
    .array(z.enum(TIERS))
    .max(TIERS.length)
    .refine((tiers) => new Set(tiers).size === tiers.length, 'must not name a tier twice'),
  availableFrom: IsoDateTimeSchema,
  availableTo: IsoDateTimeSchema,
  imageUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(500)
    .nullable()
    .optional(),
};

const windowEndsAfterStart = (v: { availableFrom?: string; availableTo?: string }) =>
  v.availableFrom === undefined ||
  v.availableTo === undefined ||
  Date.parse(v.availableTo) > Date.parse(v.availableFrom);
const WINDOW_MESSAGE = { message: 'must be later than availableFrom', path: ['availableTo'] };

/** `POST /rewards`. */
export const CreateRewardInputSchema = z
  .strictObject(rewardFields)
  .refine(windowEndsAfterStart, WINDOW_MESSAGE);
export type CreateRewardInput = z.infer<typeof CreateRewardInputSchema>;

/**
 * `PATCH /rewards/{id}`: any of the fields. A new `stock` moves what is left by the same amount and
 * may not fall below what members already hold; a window given by halves is checked against the other.
 */
export const UpdateRewardInputSchema = z
  .strictObject(rewardFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field')
  .refine(windowEndsAfterStart, WINDOW_MESSAGE);
export type UpdateRewardInput = z.infer<typeof UpdateRewardInputSchema>;

/** `POST /rewards/{id}/redemptions`. */
export const RedeemInputSchema = z.strictObject({
  quantity: z.number().int().min(1).max(MAX_REDEMPTION_QUANTITY),
});
export type RedeemInput = z.infer<typeof RedeemInputSchema>;

/** A pickup code as scanned or typed (case and surrounding spaces forgiven). */
export const PickupCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${PICKUP_CODE_ALPHABET}]{${PICKUP_CODE_LENGTH}}$`),
    `must be a ${PICKUP_CODE_LENGTH}-character pickup code`,
  );

/** `POST /redemptions/fulfilments`. */
export const FulfilRedemptionInputSchema = z.strictObject({ code: PickupCodeSchema });
export type FulfilRedemptionInput = z.infer<typeof FulfilRedemptionInputSchema>;

/** The `Idempotency-Key` header of a retryable write: 1 to 64 printable ASCII characters. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,64}$/, 'must be 1 to 64 printable characters (a UUID will do)');
