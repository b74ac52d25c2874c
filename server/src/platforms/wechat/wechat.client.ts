import { PlatformError } from '../platform-error';
import { DEFAULT_PLATFORM_TIMEOUT_MS, parseJson, platformFetch, readText } from '../platform-http';

/** Where the real WeChat server API lives; the sandbox answers the same paths. */
export const WECHAT_DEFAULT_API_BASE = 'https://api.weixin.qq.com';

export interface WechatClientOptions {
  appId: string;
  secret: string;
  /** Defaults to {@link WECHAT_DEFAULT_API_BASE}. A path prefix (a proxy) is kept. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Clock for the access-token cache, in epoch milliseconds. */
  now?: () => number;
}

/** What `jscode2session` tells us about the person behind a `wx.login` code. */
export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

export interface WechatSubscribeMessage {
  toOpenid: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. `pages/home/index?tab=card`. */
  page?: string;
  /** Template fields, e.g. `{thing1: 'Spring banquet', time2: '2026-05-01 18:00'}`. */
  data: Record<string, string>;
  /** Which build of the mini-program the message opens; WeChat's default is `formal`. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface WechatQrCodeRequest {
  /** Up to 32 visible characters handed to the page as `scene`. */
  scene: string;
  /** A published page without a leading slash, e.g. `pages/join/index`. */
  page: string;
  /** Edge in pixels, 280–1280 (WeChat's default is 430). */
  width?: number;
  /** When false, WeChat does not check that `page` exists in the published version. */
  checkPath?: boolean;
}

/**
 * Error codes that say the access token we used is no good; one fresh token and one retry follow.
 * 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired.
 */
const ACCESS_TOKEN_ERRCODES = new Set(['40001', '40014', '42001']);

/**
 * Error codes that are our side's or WeChat's trouble rather than a bad code from the member:
 * busy, wrong app id/secret, IP not whitelisted, quota exhausted, and token trouble that survived
 * a refresh.
 */
const UNAVAILABLE_ERRCODES = new Set([
  '-1',
  '40013',
  '40125',
  '40164',
  '41002',
  '41004',
  '45009',
  '45011',
  ...ACCESS_TOKEN_ERRCODES,
]);

/** Refresh this long before WeChat says the token expires, so a call never races the expiry. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** The WeChat mini-program server API over plain HTTP. */
export class WechatClient {
  readonly baseUrl: string;
  readonly appId: string;
  private readonly secret: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private cachedToken: CachedToken | undefined;
  private tokenInFlight: Promise<string> | undefined;

  constructor(options: WechatClientOptions) {
    this.appId = options.appId;
    this.secret = options.secret;
    this.baseUrl = (options.baseUrl ?? WECHAT_DEFAULT_API_BASE).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PLATFORM_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** Exchanges a `wx.login` code for the user's openid (and unionid when the app has one). */
  async code2Session(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.appId,
      secret: this.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const body = await this.getJson(`/sns/jscode2session?${query}`);
    const openid = stringField(body, 'openid');
    const sessionKey = stringField(body, 'session_key');
    if (!openid || !sessionKey) throw badResponse('jscode2session answered without openid/session_key');
    const unionid = stringField(body, 'unionid');
    return unionid ? { openid, unionid, sessionKey } : { openid, sessionKey };
  }

  /**
   * The app's access token, cached until five minutes before it expires. Concurrent callers share
   * one request, because each new token WeChat issues invalidates the previous one after a grace
   * period and the daily quota is small.
   */
  async getAccessToken(): Promise<string> {
    const cached = this.cachedToken;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    this.tokenInFlight ??= this.fetchAccessToken().finally(() => {
      this.tokenInFlight = undefined;
    });
    return this.tokenInFlight;
  }

  /** Resolves a `getPhoneNumber` button code to the phone number without country code. */
  async getPhoneNumber(phoneCode: string): Promise<string> {
    const body = await this.withAccessToken((token) =>
      this.postJson(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
        code: phoneCode,
      }),
    );
    const info = (body as { phone_info?: unknown }).phone_info;
    const phone = stringField(info, 'purePhoneNumber');
    if (!phone) throw badResponse('getuserphonenumber answered without phone_info.purePhoneNumber');
    return phone;
  }

  /** Sends a subscribe message the user agreed to receive. */
  async sendSubscribeMessage(message: WechatSubscribeMessage): Promise<void> {
    const payload = {
      touser: message.toOpenid,
      template_id: message.templateId,
      ...(message.page === undefined ? {} : { page: message.page }),
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
      miniprogram_state: message.miniprogramState ?? 'formal',
      lang: 'zh_CN',
    };
    await this.withAccessToken((token) =>
      this.postJson(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, payload),
    );
  }

  /** An unlimited mini-program code (the round "sun code") as image bytes. */
  async getUnlimitedQrCode(request: WechatQrCodeRequest): Promise<Buffer> {
    const payload = {
      scene: request.scene,
      page: request.page,
      ...(request.width === undefined ? {} : { width: request.width }),
      ...(request.checkPath === undefined ? {} : { check_path: request.checkPath }),
    };
    return this.withAccessToken(async (token) => {
      const response = await platformFetch(
        'wechat',
        `${this.baseUrl}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`,
        jsonPost(payload),
        this.timeoutMs,
      );
      // WeChat answers 200 either way: an image on success, a JSON errcode body on failure.
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.includes('json') || contentType.startsWith('text/')) {
        checkErrcode(parseJson('wechat', await readText('wechat', response)));
        throw badResponse('getwxacodeunlimit answered JSON without an error');
      }
      const image = Buffer.from(await response.arrayBuffer());
      if (image.length === 0) throw badResponse('getwxacodeunlimit answered an empty image');
      return image;
    });
  }

  private async fetchAccessToken(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.appId,
      secret: this.secret,
    });
    const requestedAt = this.now();
    const body = await this.getJson(`/cgi-bin/token?${query}`);
    const value = stringField(body, 'access_token');
    const expiresIn = (body as { expires_in?: unknown }).expires_in;
    if (!value || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw badResponse('token answered without access_token/expires_in');
    }
    const lifetimeMs = expiresIn * 1000;
    const margin = lifetimeMs > TOKEN_REFRESH_MARGIN_MS * 2 ? TOKEN_REFRESH_MARGIN_MS : lifetimeMs / 2;
    this.cachedToken = { value, refreshAt: requestedAt + lifetimeMs - margin };
    return value;
  }

  /** Runs a call with the cached token; if WeChat rejects the token, refreshes it and retries once. */
  private async withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getAccessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof PlatformError) || !ACCESS_TOKEN_ERRCODES.has(error.code)) throw error;
      // Another caller may already have replaced the token; only drop the one that failed.
      if (this.cachedToken?.value === token) this.cachedToken = undefined;
      return call(await this.getAccessToken());
    }
  }

  private async getJson(pathAndQuery: string): Promise<unknown> {
    const response = await platformFetch(
      'wechat',
      `${this.baseUrl}${pathAndQuery}`,
      { method: 'GET' },
      this.timeoutMs,
    );
    return checkErrcode(parseJson('wechat', await readText('wechat', response)));
  }

  private async postJson(pathAndQuery: string, payload: unknown): Promise<unknown> {
    const response = await platformFetch(
      'wechat',
      `${this.baseUrl}${pathAndQuery}`,
      jsonPost(payload),
      this.timeoutMs,
    );
    return checkErrcode(parseJson('wechat', await readText('wechat', response)));
  }
}

function jsonPost(payload: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

/** WeChat reports failure in the body (`errcode` ≠ 0) with HTTP 200. */
function checkErrcode(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) throw badResponse('WeChat answered a non-object');
  const { errcode, errmsg } = body as { errcode?: unknown; errmsg?: unknown };
  if (errcode === undefined || errcode === 0) return body;
  const code = String(errcode);
  throw new PlatformError(
    'wechat',
    UNAVAILABLE_ERRCODES.has(code) ? 'unavailable' : 'rejected',
    code,
    `WeChat errcode ${code}: ${typeof errmsg === 'string' ? errmsg : 'no message'}`,
  );
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function badResponse(message: string): PlatformError {
  return new PlatformError('wechat', 'unavailable', 'bad_response', message);
}
