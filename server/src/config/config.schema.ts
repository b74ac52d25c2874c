import { z } from 'zod';

/** Environment variables are strings; an empty one means "not set" (as in most process managers). */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const boolFlag = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : String(v).toLowerCase()),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes')),
  );

const intInRange = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(min)
      .max(max)
      .optional()
      .transform((v) => v ?? fallback),
  );

const httpUrl = (fallback: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .optional()
      .transform((v) => (v ?? fallback).replace(/\/+$/, '')),
  );

/** A console-issued template id: trimmed (as the mini-program's build trims it), no inner spaces. */
const templateId = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string()
    .regex(/^\S+$/, { message: 'must be the template id from the platform console (no spaces)' })
    .max(128)
    .optional(),
);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The subscribe-message templates the server sends (`OutboxItem.platform.template`). Each needs the
 * template id the platform's console issued to this mini-program: `WECHAT_TEMPLATE_<KEY>` and
 * `ALIPAY_TEMPLATE_<KEY>`, the same variables the mini-program is built with.
 */
export const SUBSCRIBE_TEMPLATE_KEYS = ['event_invitation', 'event_reminder', 'greeting'] as const;
export type SubscribeTemplateKey = (typeof SUBSCRIBE_TEMPLATE_KEYS)[number];

/** The raw environment the server understands; `loadConfig` turns it into `AppConfig`. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    PORT: intInRange(3000, 0, 65535),
    HOST: optionalString.transform((v) => v ?? '0.0.0.0'),
    DATABASE_URL: optionalString.refine(
      (v) => v === undefined || /^(mysql|mariadb):\/\/[^/]+\/[^/?#]+/.test(v),
      {
        message:
          'must look like mysql://user:pass@host:port/database (unset it to use the embedded SQLite database)',
      },
    ),
    CLUB_DATA_DIR: optionalString,
    SEED_DEMO: boolFlag(false),
    BOOTSTRAP_MANAGER_USERNAME: optionalString,
    BOOTSTRAP_MANAGER_PASSWORD: optionalString,
    JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'must be at least 32 characters',
    }),
    WECHAT_APPID: optionalString,
    WECHAT_SECRET: optionalString,
    WECHAT_API_BASE: httpUrl('https://api.weixin.qq.com'),
    WECHAT_TEMPLATE_EVENT_INVITATION: templateId,
    WECHAT_TEMPLATE_EVENT_REMINDER: templateId,
    WECHAT_TEMPLATE_GREETING: templateId,
    ALIPAY_APPID: optionalString,
    ALIPAY_PRIVATE_KEY: optionalString,
    ALIPAY_PUBLIC_KEY: optionalString,
    ALIPAY_GATEWAY: httpUrl('https://openapi.alipay.com/gateway.do'),
    // Content-encryption key (base64) that decrypts `my.getPhoneNumber`; owned by platforms/.
    ALIPAY_AES_KEY: optionalString.refine(
      (v) => v === undefined || [16, 24, 32].includes(Buffer.from(v, 'base64').length),
      {
        message: 'must be the base64 AES key from the Alipay console (16, 24 or 32 bytes)',
      },
    ),
    ALIPAY_TEMPLATE_EVENT_INVITATION: templateId,
    ALIPAY_TEMPLATE_EVENT_REMINDER: templateId,
    ALIPAY_TEMPLATE_GREETING: templateId,
    // An SMS gateway (POST <base>/messages, Bearer key); unset: the sandbox records SMS, or SMS is skipped.
    SMS_API_BASE: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
        .optional()
        .transform((v) => v?.replace(/\/+$/, '')),
    ),
    SMS_API_KEY: optionalString,
    CLUB_TIMEZONE: optionalString
      .transform((v) => v ?? 'Asia/Shanghai')
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
    CLUB_CURRENCY: optionalString
      .transform((v) => v ?? 'CNY')
      .refine((v) => /^[A-Z]{3}$/.test(v), { message: 'must be an ISO 4217 code such as CNY' }),
    LOG_LEVEL: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LOG_LEVELS).optional()),
    CLUB_WEB_DIR: optionalString,
    // Unset: 10 a minute, or 1000 under NODE_ENV=test so suites that log in often are not throttled
    // (a test of the limit itself sets it).
    AUTH_RATE_LIMIT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(1_000_000).optional(),
    ),
    AUTH_RATE_TTL_SECONDS: intInRange(60, 1, 86_400),
    // Feedback photos per member: unset, 20 an hour, or 1000 under NODE_ENV=test (a test of the limit sets it).
    PHOTO_UPLOAD_RATE_LIMIT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(1_000_000).optional(),
    ),
    PHOTO_UPLOAD_RATE_TTL_SECONDS: intInRange(3_600, 1, 86_400),
    TRUST_PROXY: boolFlag(false),
    // Unset: on, or off under NODE_ENV=test, where tests drive the outbox and the fan-out themselves.
    CLUB_BACKGROUND_WORK: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : String(v).toLowerCase()),
      z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if ((env.BOOTSTRAP_MANAGER_USERNAME === undefined) !== (env.BOOTSTRAP_MANAGER_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOOTSTRAP_MANAGER_PASSWORD'],
        message: 'BOOTSTRAP_MANAGER_USERNAME and BOOTSTRAP_MANAGER_PASSWORD are set together or not at all',
      });
    }
    if (env.WECHAT_APPID !== undefined && env.WECHAT_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_SECRET'],
        message: 'is required when WECHAT_APPID is set',
      });
    }
    if (
      env.ALIPAY_APPID !== undefined &&
      (env.ALIPAY_PRIVATE_KEY === undefined || env.ALIPAY_PUBLIC_KEY === undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALIPAY_PRIVATE_KEY'],
        message: 'ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY are required when ALIPAY_APPID is set',
      });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL !== undefined && env.JWT_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when NODE_ENV=production with a MySQL database (several servers must share it)',
      });
    }
  });

export type RawEnv = z.output<typeof EnvSchema>;
