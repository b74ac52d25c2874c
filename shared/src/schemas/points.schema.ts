import { z } from 'zod';
import { ClubRulesSchema } from '../rules/club-rules';
import { IdSchema, PaginationQuerySchema } from './common.schema';

/** The largest amount one purchase or refund may carry: 10,000,000.00 in minor units. */
export const MAX_PURCHASE_AMOUNT = 1_000_000_000;

/** The largest manager adjustment, either way, in points. */
export const MAX_POINTS_ADJUSTMENT = 1_000_000;

/** How far ahead of the server's clock a purchase's `occurredAt` may be (tills drift), in ms. */
export const PURCHASE_CLOCK_SKEW_MS = 5 * 60_000;

/** The longest return window a club may set, in days. */
export const MAX_RETURN_WINDOW_DAYS = 90;

/** An amount of money in minor units: a whole number above zero, at most `MAX_PURCHASE_AMOUNT`. */
export const PurchaseAmountSchema = z
  .number()
  .int('must be a whole number of minor units (128800 is 1,288.00)')
  .positive('must be more than zero')
  .max(MAX_PURCHASE_AMOUNT, 'must be at most 10,000,000.00 (1000000000 minor units)');

/** A till's order number: 1 to 64 letters, digits and `-_./:#`, starting with a letter or digit. */
export const OrderNoSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9\-_./:#]{0,63}$/,
    'must be 1 to 64 letters, digits or -_./:# (starting with a letter or digit)',
  );

/** An ISO-8601 time with `Z` or an offset. */
export const IsoTimeWithOffsetSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 time with offset',
});

/** A staff member's reason for a change: kept in the audit log. */
export const ReasonSchema = z.string().trim().min(1, 'a reason is required').max(200);

/**
 * `POST /purchases`: a sale recorded by a clerk after scanning the card, a manager or a till (POS key).
 * Exactly one of `memberId` or `cardCode`. The server also refuses an `occurredAt` more than
 * `PURCHASE_CLOCK_SKEW_MS` in its future.
 */
export const RecordPurchaseInputSchema = z
  .strictObject({
    storeId: IdSchema,
    orderNo: OrderNoSchema,
    amount: PurchaseAmountSchema,
    occurredAt: IsoTimeWithOffsetSchema,
    memberId: IdSchema.optional(),
    cardCode: z.string().min(1).max(256).optional(),
  })
  .refine((v) => (v.memberId === undefined) !== (v.cardCode === undefined), {
    message: 'give exactly one of memberId or cardCode',
    path: ['memberId'],
  });
export type RecordPurchaseInput = z.infer<typeof RecordPurchaseInputSchema>;

/** `GET /purchases/lookup?storeId=&orderNo=`: a purchase by its till's order number. */
export const PurchaseLookupQuerySchema = z.strictObject({ storeId: IdSchema, orderNo: OrderNoSchema });
export type PurchaseLookupQuery = z.infer<typeof PurchaseLookupQuerySchema>;

/** `POST /purchases/{id}/refunds`: part or all of what is left of the purchase. */
export const RefundInputSchema = z.strictObject({ amount: PurchaseAmountSchema, reason: ReasonSchema });
export type RefundInput = z.infer<typeof RefundInputSchema>;

/** `POST /members/{id}/points/adjustments`: a manager's correction, either way, with a reason. */
export const PointsAdjustmentInputSchema = z.strictObject({
  delta: z
    .number()
    .int('must be a whole number of points')
    .min(-MAX_POINTS_ADJUSTMENT)
    .max(MAX_POINTS_ADJUSTMENT)
    .refine((d) => d !== 0, 'must not be zero'),
  reason: ReasonSchema,
});
export type PointsAdjustmentInput = z.infer<typeof PointsAdjustmentInputSchema>;

/** Per tier, the benefits text shown on the tier page. */
export const TierBenefitsSchema = z.strictObject({
  friend: z.string().trim().max(500),
  silver: z.string().trim().max(500),
  gold: z.string().trim().max(500),
  diamond: z.string().trim().max(500),
});
export type TierBenefits = z.infer<typeof TierBenefitsSchema>;

/** What each tier offers besides its earn rate, until a manager writes their own. */
export const DEFAULT_TIER_BENEFITS: TierBenefits = Object.freeze({
  friend: '会员活动邀请；生日礼遇',
  silver: '免费清洗保养；会员活动优先报名',
  gold: '免费清洗保养与刻字；新品优先预览',
  diamond: '专属顾问；私享活动；免费清洗保养与刻字',
});

/**
 * `PUT /rules`: the club rules (`ClubRulesSchema`) plus the return window, during which earned points
 * are pending (default 0 days), and the benefits text of each tier.
 */
export const RulesDocumentSchema = ClubRulesSchema.safeExtend({
  returnWindowDays: z.number().int().min(0).max(MAX_RETURN_WINDOW_DAYS).default(0),
  tierBenefits: TierBenefitsSchema.optional(),
});
export type RulesDocumentInput = z.input<typeof RulesDocumentSchema>;
export type RulesDocument = z.output<typeof RulesDocumentSchema>;

/** `POST /stores/{id}/api-keys`: a key for a store's till, with an optional label. */
export const CreateApiKeyInputSchema = z.strictObject({ name: z.string().trim().min(1).max(60).optional() });
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInputSchema>;

/** `GET /audit-log?entity=&actor=`: newest first. */
export const AuditLogQuerySchema = PaginationQuerySchema.extend({
  entity: z.string().trim().min(1).max(40).optional(),
  actor: z.string().trim().min(1).max(60).optional(),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;

/** The points jobs a manager may run now (`POST /jobs/{name}/runs`). */
export const POINTS_JOB_NAMES = ['points-expiry', 'tier-review'] as const;
export type PointsJobName = (typeof POINTS_JOB_NAMES)[number];
