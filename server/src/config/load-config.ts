import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { EnvSchema, type RawEnv, type SubscribeTemplateKey } from './config.schema';
import type { AppConfigShape, TemplateIds } from './app-config';

export type Env = Record<string, string | undefined>;

/** Thrown at boot when the environment is unusable; its message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `.data` under the server folder (this file lives in `src/config` or `dist/config`). */
const DEFAULT_DATA_DIR = resolve(__dirname, '..', '..', '.data');
const JWT_SECRET_FILE = 'jwt-secret';

/** The one place that reads `process.env`. */
export function processEnv(): Env {
  return process.env;
}

/** Parses and validates the environment; creates the data directory and, if needed, the JWT secret. */
export function loadConfig(env: Env = processEnv()): AppConfigShape {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const dataDir = raw.CLUB_DATA_DIR === undefined ? DEFAULT_DATA_DIR : resolve(raw.CLUB_DATA_DIR);
  ensureDir(dataDir, 'CLUB_DATA_DIR');
  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    database:
      raw.DATABASE_URL === undefined
        ? { kind: 'sqlite', path: join(dataDir, 'club.sqlite') }
        : { kind: 'mysql', url: raw.DATABASE_URL.replace(/^mariadb:/, 'mysql:') },
    dataDir,
    seedDemo: raw.SEED_DEMO,
    bootstrapManager:
      raw.BOOTSTRAP_MANAGER_USERNAME !== undefined && raw.BOOTSTRAP_MANAGER_PASSWORD !== undefined
        ? { username: raw.BOOTSTRAP_MANAGER_USERNAME, password: raw.BOOTSTRAP_MANAGER_PASSWORD }
        : null,
    jwtSecret: raw.JWT_SECRET ?? generatedJwtSecret(dataDir),
    wechat: {
      appId: raw.WECHAT_APPID,
      secret: raw.WECHAT_SECRET,
      apiBase: raw.WECHAT_API_BASE,
      templates: templateIds({
        event_invitation: raw.WECHAT_TEMPLATE_EVENT_INVITATION,
        event_reminder: raw.WECHAT_TEMPLATE_EVENT_REMINDER,
        greeting: raw.WECHAT_TEMPLATE_GREETING,
      }),
    },
    alipay: {
      appId: raw.ALIPAY_APPID,
      privateKey: raw.ALIPAY_PRIVATE_KEY,
      publicKey: raw.ALIPAY_PUBLIC_KEY,
      gateway: raw.ALIPAY_GATEWAY,
      aesKey: raw.ALIPAY_AES_KEY,
      templates: templateIds({
        event_invitation: raw.ALIPAY_TEMPLATE_EVENT_INVITATION,
        event_reminder: raw.ALIPAY_TEMPLATE_EVENT_REMINDER,
        greeting: raw.ALIPAY_TEMPLATE_GREETING,
      }),
    },
    sms: { apiBase: raw.SMS_API_BASE, apiKey: raw.SMS_API_KEY },
    club: { timezone: raw.CLUB_TIMEZONE, currency: raw.CLUB_CURRENCY },
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDir: webDir(raw),
    rateLimit: {
      auth: {
        limit: raw.AUTH_RATE_LIMIT ?? (raw.NODE_ENV === 'test' ? 1000 : 10),
        ttlMs: raw.AUTH_RATE_TTL_SECONDS * 1000,
      },
      photoUpload: {
        limit: raw.PHOTO_UPLOAD_RATE_LIMIT ?? (raw.NODE_ENV === 'test' ? 1000 : 20),
        ttlMs: raw.PHOTO_UPLOAD_RATE_TTL_SECONDS * 1000,
      },
    },
    trustProxy: raw.TRUST_PROXY,
    backgroundWork: (raw.CLUB_BACKGROUND_WORK ?? (raw.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
  };
}

/** Leaves out the keys with no id, so `key in templates` means "configured". */
function templateIds(ids: Record<SubscribeTemplateKey, string | undefined>): TemplateIds {
  return Object.fromEntries(Object.entries(ids).filter(([, id]) => id !== undefined));
}

function ensureDir(dir: string, variable: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ConfigError(
      `Invalid configuration:\n  ${variable}: cannot create ${dir} (${(e as Error).message})`,
    );
  }
}

/**
 * One secret per data directory, generated on first start and reused, so tokens survive restarts
 * without anyone having to invent a key.
 */
function generatedJwtSecret(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  }
  const secret = randomBytes(48).toString('base64url');
  // 'wx' so two processes starting at once on a fresh directory agree on one secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw new ConfigError(
      `Invalid configuration:\n  CLUB_DATA_DIR: cannot write ${file} (${(e as Error).message})`,
    );
  }
}

function webDir(raw: RawEnv): string | null {
  if (raw.CLUB_WEB_DIR === undefined) return null;
  return isAbsolute(raw.CLUB_WEB_DIR) ? raw.CLUB_WEB_DIR : resolve(raw.CLUB_WEB_DIR);
}
