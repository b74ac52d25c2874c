import { z } from 'zod';
import { GENDERS } from '../enums/gender';
import { BirthdaySchema } from './birthday.schema';
import { IdSchema, PersonNameSchema, PhoneSchema } from './common.schema';

/** A member's interests: short tags, at most 12. */
export const InterestsSchema = z.array(z.string().trim().min(1).max(20)).max(12);

/** Marketing consent as the member gives it. */
export const ConsentSchema = z.strictObject({ marketing: z.boolean() });

/** A referral code as printed on a member's share card. */
export const ReferralCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,16}$/, 'must be 4 to 16 letters or digits');

/** `POST /members`: joining the club. */
export const JoinInputSchema = z.strictObject({
  name: PersonNameSchema,
  gender: z.enum(GENDERS),
  birthday: BirthdaySchema,
  /** WeChat's phone code is short; Alipay's is its whole encrypted getPhoneNumber answer (several hundred characters). */
  phoneCode: z.string().min(1).max(4096),
  interests: InterestsSchema.default([]),
  occupation: z.string().trim().min(1).max(40).optional(),
  storeId: IdSchema.optional(),
  referralCode: ReferralCodeSchema.optional(),
  consent: ConsentSchema,
});
export type JoinInput = z.input<typeof JoinInputSchema>;
export type JoinInputParsed = z.output<typeof JoinInputSchema>;

/** `PATCH /me`: birthday only while it is unset (else 409 BIRTHDAY_LOCKED). */
export const UpdateMeInputSchema = z
  .strictObject({
    name: PersonNameSchema.optional(),
    interests: InterestsSchema.optional(),
    occupation: z.string().trim().max(40).nullable().optional(),
    consent: ConsentSchema.optional(),
    birthday: BirthdaySchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateMeInput = z.infer<typeof UpdateMeInputSchema>;

/** `GET /staff/members/lookup`: exactly one of `cardCode` or `phone`. */
export const MemberLookupQuerySchema = z
  .strictObject({
    cardCode: z.string().min(1).max(256).optional(),
    phone: PhoneSchema.optional(),
  })
  .refine(
    (v) => (v.cardCode === undefined) !== (v.phone === undefined),
    'give exactly one of cardCode or phone',
  );
export type MemberLookupQuery = z.infer<typeof MemberLookupQuerySchema>;

/** `PUT /members/{id}/clerk`. */
export const AssignClerkInputSchema = z.strictObject({ clerkId: IdSchema });
export type AssignClerkInput = z.infer<typeof AssignClerkInputSchema>;
