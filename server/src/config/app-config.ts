import type { LOG_LEVELS, SubscribeTemplateKey } from './config.schema';

/** Console-issued subscribe-message template ids by the server's template key; only those configured. */
export type TemplateIds = Readonly<Partial<Record<SubscribeTemplateKey, string>>>;

export type DatabaseConfig =
  { readonly kind: 'mysql'; readonly url: string } | { readonly kind: 'sqlite'; readonly path: string };

/** The typed, validated configuration every module reads (never `process.env`). */
export interface AppConfigShape {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Absolute path; holds the embedded database, the generated JWT secret and uploads. */
  readonly dataDir: string;
  readonly seedDemo: boolean;
  readonly bootstrapManager: { readonly username: string; readonly password: string } | null;
  readonly jwtSecret: string;
  /** `appId` unset → the sandbox stands in for the platform. */
  readonly wechat: {
    readonly appId?: string;
    readonly secret?: string;
    readonly apiBase: string;
    readonly templates: TemplateIds;
  };
  readonly alipay: {
    readonly appId?: string;
    readonly privateKey?: string;
    readonly publicKey?: string;
    readonly gateway: string;
    /** Base64 AES key that decrypts `my.getPhoneNumber` responses. */
    readonly aesKey?: string;
    readonly templates: TemplateIds;
  };
  /** `apiBase` unset → SMS goes to the sandbox outbox (when the sandbox runs) or is skipped. */
  readonly sms: { readonly apiBase?: string; readonly apiKey?: string };
  readonly club: { readonly timezone: string; readonly currency: string };
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Absolute path of the built H5 app to serve at `/` (served only if it exists), or null. */
  readonly webDir: string | null;
  readonly rateLimit: {
    readonly auth: { readonly limit: number; readonly ttlMs: number };
    /** Feedback photos per member (not per IP: a shop's customers share its Wi-Fi). */
    readonly photoUpload: { readonly limit: number; readonly ttlMs: number };
  };
  readonly trustProxy: boolean;
  /**
   * Whether this process runs the outbox dispatcher and the publish fan-out loops. Off by default
   * under NODE_ENV=test, where a test runs them at the moment it chooses.
   */
  readonly backgroundWork: boolean;
}

/**
 * Injection token and type in one: `constructor(private readonly config: AppConfig)`.
 * An abstract class (not an interface) so Nest can resolve it from decorator metadata.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class AppConfig {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AppConfig extends AppConfigShape {}
