import { z } from 'zod';
import { STAFF_ROLES } from '../enums/role';
import { IdSchema, PersonNameSchema, PhoneSchema } from './common.schema';

/** `POST /stores`. */
export const CreateStoreInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  city: z.string().trim().min(1).max(40),
  address: z.string().trim().min(1).max(200),
});
export type CreateStoreInput = z.infer<typeof CreateStoreInputSchema>;

/** `POST /staff`: a clerk must belong to a store. */
export const CreateStaffInputSchema = z
  .strictObject({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, 'must be 3 to 32 letters, digits, dots, dashes or underscores'),
    password: z.string().min(8, 'must be at least 8 characters').max(128),
    name: PersonNameSchema,
    role: z.enum(STAFF_ROLES),
    storeId: IdSchema.optional(),
    phone: PhoneSchema.optional(),
  })
  .refine((v) => v.role !== 'clerk' || v.storeId !== undefined, {
    message: 'a clerk needs a storeId',
    path: ['storeId'],
  });
export type CreateStaffInput = z.infer<typeof CreateStaffInputSchema>;
