import { z } from 'zod';

/** `POST /auth/wechat` and `POST /auth/alipay`: the platform's login code. */
export const PlatformLoginInputSchema = z.strictObject({ code: z.string().min(1).max(256) });
export type PlatformLoginInput = z.infer<typeof PlatformLoginInputSchema>;

/** `POST /auth/staff`. */
export const StaffLoginInputSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type StaffLoginInput = z.infer<typeof StaffLoginInputSchema>;

/** `POST /auth/refresh`. */
export const RefreshInputSchema = z.strictObject({ refreshToken: z.string().min(16).max(512) });
export type RefreshInput = z.infer<typeof RefreshInputSchema>;
