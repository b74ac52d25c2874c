import { z } from 'zod';

/** A database id as the contract carries it: a positive integer written as a string. */
export const IdSchema = z
  .string()
  .regex(/^[1-9]\d{0,17}$/, 'must be an id (a positive whole number as a string)');

/** `{id}` path parameters. */
export const IdParamSchema = z.strictObject({ id: IdSchema });
export type IdParam = z.infer<typeof IdParamSchema>;

/** A mainland China mobile number: 11 digits starting with 1. */
export const PhoneSchema = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number');

/** `?limit=&cursor=` on every list: limit 1..100, default 20. */
export const PaginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type PaginationQuery = z.infer<typeof PaginationQuerySchema>;

/** A person's name as shown on a card and in greetings. */
export const PersonNameSchema = z.string().trim().min(1).max(40);
