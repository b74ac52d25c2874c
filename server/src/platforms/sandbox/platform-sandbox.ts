import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import {
  alipayAesEncrypt,
  alipayPrivateKey,
  alipayPublicKey,
  alipaySignContent,
  alipayTimestamp,
  rsa2Sign,
  rsa2Verify,
} from '../alipay/alipay-crypto';
import { SandboxOutbox } from './sandbox-outbox';
import { renderSandboxCodePng } from './sandbox-png';

/** Prefix of every login or phone code the sandbox accepts: `sandbox:<id>`, `sandbox:<digits>`. */
export const SANDBOX_CODE_PREFIX = 'sandbox:';

/** A platform user id the sandbox accepts after the prefix (openids are 28 such characters). */
const SANDBOX_USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SANDBOX_PHONE = /^\d{5,20}$/;
/** WeChat issues access tokens for two hours. */
const ACCESS_TOKEN_LIFETIME_S = 7200;
const MAX_BODY_BYTES = 1_000_000;

export interface PlatformSandboxOptions {
  /** Loopback by default: the sandbox must never be reachable from outside the machine. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where the outbox is appended as JSON lines; in memory only when absent. */
  outboxFile?: string;
  now?: () => Date;
}

/** Credentials the sandbox's WeChat side accepts. */
export interface SandboxWechatCredentials {
  appId: string;
  secret: string;
}

/** Keys of the sandbox's Alipay side: it verifies requests with the app key and signs with its own. */
export interface SandboxAlipayCredentials {
  appId: string;
  /** PEM; the client signs requests with it. */
  appPrivateKey: string;
  /** PEM; the client verifies the sandbox's responses with it. */
  alipayPublicKey: string;
  /** Base64 AES-128 key of the app's content encryption (phone numbers). */
  aesKey: string;
}

interface IssuedToken {
  expiresAt: number;
  expired: boolean;
}

class BadRequestBody extends Error {}

/**
 * A local stand-in for the WeChat and Alipay server APIs, speaking their protocol at their paths
 * on a loopback HTTP port. Login codes `sandbox:<id>` log in user `<id>`, phone codes
 * `sandbox:<digits>` resolve to that number, and every message sent lands in {@link outbox}.
 */
export class PlatformSandbox {
  readonly wechat: SandboxWechatCredentials;
  readonly alipay: SandboxAlipayCredentials;
  private readonly tokens = new Map<string, IssuedToken>();
  private stableToken: string | undefined;
  private readonly requestCounts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly outbox: SandboxOutbox,
    private readonly alipayPrivateKey: KeyObject,
    private readonly appPublicKey: KeyObject,
    alipay: SandboxAlipayCredentials,
    private readonly now: () => Date,
  ) {
    this.wechat = { appId: 'wxsandbox00000000', secret: randomBytes(16).toString('hex') };
    this.alipay = alipay;
  }

  /** Generates the sandbox's keys, opens the outbox and listens. */
  static async start(options: PlatformSandboxOptions = {}): Promise<PlatformSandbox> {
    const now = options.now ?? (() => new Date());
    const [{ alipayKeys, appKeys }, outbox] = await Promise.all([
      sandboxKeys(),
      SandboxOutbox.open({ file: options.outboxFile, now }),
    ]);
    const alipay: SandboxAlipayCredentials = {
      appId: '2021000000000000',
      appPrivateKey: appKeys.privateKey,
      alipayPublicKey: alipayKeys.publicKey,
      aesKey: randomBytes(16).toString('base64'),
    };
    const server = createServer();
    const sandbox = new PlatformSandbox(
      server,
      outbox,
      alipayPrivateKey(alipayKeys.privateKey),
      alipayPublicKey(appKeys.publicKey),
      alipay,
      now,
    );
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      sandbox.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { errcode: -1, errmsg: `system error: ${String(error)}` });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return sandbox;
  }

  /** `http://127.0.0.1:<port>`: the WeChat API base. */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  get wechatApiBase(): string {
    return this.url;
  }

  get alipayGateway(): string {
    return `${this.url}/gateway.do`;
  }

  /** How many requests reached a path (`/cgi-bin/token`) or an Alipay method (`alipay.system.oauth.token`). */
  requestCount(pathOrMethod: string): number {
    return this.requestCounts.get(pathOrMethod) ?? 0;
  }

  /** Makes every access token issued so far answer 42001, as WeChat does once one expires. */
  expireAccessTokens(): void {
    for (const token of this.tokens.values()) token.expired = true;
    this.stableToken = undefined;
  }

  /**
   * What `my.getPhoneNumber` hands an Alipay mini-program for `phone`: the JSON text with the
   * AES-encrypted `response` and the sandbox's signature over it.
   */
  alipayPhoneResponse(phone: string): string {
    const response = alipayAesEncrypt(
      JSON.stringify({ code: '10000', msg: 'Success', mobile: phone }),
      this.alipay.aesKey,
    );
    const sign = rsa2Sign(`"${response}"`, this.alipayPrivateKey);
    return JSON.stringify({ response, sign, sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private count(key: string): void {
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    this.count(url.pathname);
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BadRequestBody)
        return sendJson(res, 413, { errcode: 47001, errmsg: error.message });
      throw error;
    }
    switch (url.pathname) {
      case '/sns/jscode2session':
        return sendJson(res, 200, this.jscode2session(url.searchParams));
      case '/cgi-bin/token':
        return sendJson(res, 200, this.token(url.searchParams));
      case '/cgi-bin/stable_token':
        return sendJson(res, 200, this.stableTokenAnswer(body));
      case '/wxa/business/getuserphonenumber':
        return sendJson(
          res,
          200,
          this.withToken(url, () => this.phoneNumber(body)),
        );
      case '/cgi-bin/message/subscribe/send':
        return sendJson(res, 200, await this.withTokenAsync(url, () => this.subscribeSend(body)));
      case '/wxa/getwxacodeunlimit': {
        const answer = this.withToken(url, () => this.wxaCode(body));
        if (Buffer.isBuffer(answer)) {
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': answer.length });
          res.end(answer);
          return;
        }
        return sendJson(res, 200, answer);
      }
      case '/gateway.do':
        return this.alipayGatewayAnswer(url, req, body, res);
      default:
        return sendJson(res, 404, { errcode: 404, errmsg: 'sandbox: no such API' });
    }
  }

  // WeChat

  private checkApp(params: URLSearchParams | Record<string, unknown>): WechatError | undefined {
    const get = (key: string) => (params instanceof URLSearchParams ? params.get(key) : params[key]);
    if (get('appid') !== this.wechat.appId) return wechatError(40013, 'invalid appid');
    if (get('secret') !== this.wechat.secret) return wechatError(40125, 'invalid appsecret');
    return undefined;
  }

  private jscode2session(query: URLSearchParams): object {
    const appError = this.checkApp(query);
    if (appError) return appError;
    if (query.get('grant_type') !== 'authorization_code') return wechatError(40002, 'invalid grant_type');
    const code = query.get('js_code');
    if (!code) return wechatError(41008, 'missing code');
    const id = sandboxValue(code, SANDBOX_USER_ID);
    if (!id) return wechatError(40029, 'invalid code');
    return { openid: id, session_key: randomBytes(16).toString('base64') };
  }

  private issueToken(): { access_token: string; expires_in: number } {
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, {
      expiresAt: this.now().getTime() + ACCESS_TOKEN_LIFETIME_S * 1000,
      expired: false,
    });
    return { access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S };
  }

  private token(query: URLSearchParams): object {
    if (query.get('grant_type') !== 'client_credential') return wechatError(40002, 'invalid grant_type');
    return this.checkApp(query) ?? this.issueToken();
  }

  /** The stable token stays the same until it expires or a caller forces a refresh. */
  private stableTokenAnswer(body: string): object {
    const payload = parseJsonObject(body);
    if (!payload) return wechatError(47001, 'data format error');
    if (payload.grant_type !== 'client_credential') return wechatError(40002, 'invalid grant_type');
    const appError = this.checkApp(payload);
    if (appError) return appError;
    const current = this.stableToken === undefined ? undefined : this.tokens.get(this.stableToken);
    if (
      this.stableToken &&
      current &&
      !current.expired &&
      current.expiresAt > this.now().getTime() &&
      payload.force_refresh !== true
    ) {
      return {
        access_token: this.stableToken,
        expires_in: Math.floor((current.expiresAt - this.now().getTime()) / 1000),
      };
    }
    const issued = this.issueToken();
    this.stableToken = issued.access_token;
    return issued;
  }

  private tokenError(url: URL): WechatError | undefined {
    const accessToken = url.searchParams.get('access_token');
    if (!accessToken) return wechatError(41001, 'access_token missing');
    const token = this.tokens.get(accessToken);
    if (!token) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (token.expired || token.expiresAt <= this.now().getTime())
      return wechatError(42001, 'access_token expired');
    return undefined;
  }

  private withToken<T>(url: URL, answer: () => T): T | WechatError {
    return this.tokenError(url) ?? answer();
  }

  private async withTokenAsync<T>(url: URL, answer: () => Promise<T>): Promise<T | WechatError> {
    return this.tokenError(url) ?? answer();
  }

  private phoneNumber(body: string): object {
    const payload = parseJsonObject(body);
    if (!payload) return wechatError(47001, 'data format error');
    const phone = typeof payload.code === 'string' ? sandboxValue(payload.code, SANDBOX_PHONE) : undefined;
    if (!phone) return wechatError(40029, 'invalid code');
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.now().getTime() / 1000), appid: this.wechat.appId },
      },
    };
  }

  private async subscribeSend(body: string): Promise<object> {
    const payload = parseJsonObject(body);
    if (!payload) return wechatError(47001, 'data format error');
    if (typeof payload.touser !== 'string' || !payload.touser) return wechatError(40003, 'invalid openid');
    if (typeof payload.template_id !== 'string' || !payload.template_id)
      return wechatError(40037, 'invalid template_id');
    const data = templateData(payload.data);
    if (!data) return wechatError(47003, 'argument invalid! data.value invalid');
    if (payload.page !== undefined && typeof payload.page !== 'string')
      return wechatError(47003, 'argument invalid! page');
    await this.outbox.record({
      channel: 'wechat',
      to: payload.touser,
      templateId: payload.template_id,
      data,
      page: typeof payload.page === 'string' && payload.page ? payload.page : null,
    });
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
  }

  private wxaCode(body: string): Buffer | WechatError {
    const payload = parseJsonObject(body);
    if (!payload) return wechatError(47001, 'data format error');
    const scene = payload.scene;
    if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32)
      return wechatError(40169, 'invalid length for scene');
    const page = payload.page ?? '';
    if (typeof page !== 'string' || page.startsWith('/')) return wechatError(41030, 'invalid page');
    const requested = typeof payload.width === 'number' ? Math.round(payload.width) : 430;
    const width = Math.min(1280, Math.max(280, requested));
    return renderSandboxCodePng(width, `${page}?${scene}`);
  }

  // Alipay

  private async alipayGatewayAnswer(
    url: URL,
    req: IncomingMessage,
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.includes('application/x-www-form-urlencoded'))
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const method = params.method ?? '';
    if (method) this.count(method);
    const responseKey = `${method.replace(/\./g, '_')}_response`;

    const invalid = (subCode: string, subMsg: string) =>
      this.sendAlipay(res, 'error_response', {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: subCode,
        sub_msg: subMsg,
      });

    if (params.app_id !== this.alipay.appId) return invalid('isv.invalid-app-id', '无效的AppID参数');
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型');
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp ?? ''))
      return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    if (!params.sign || !rsa2Verify(alipaySignContent(params), params.sign, this.appPublicKey)) {
      return invalid('isv.invalid-signature', '验签出错');
    }

    if (method === 'alipay.system.oauth.token') {
      if (params.grant_type !== 'authorization_code')
        return invalid('isv.grant-type-invalid', 'grant_type参数不正确');
      const userId = sandboxValue(params.code ?? '', SANDBOX_USER_ID);
      if (!userId) return invalid('isv.code-invalid', '授权码code无效');
      return this.sendAlipay(res, responseKey, {
        user_id: userId,
        access_token: `authusrB${randomBytes(16).toString('hex')}`,
        expires_in: 1_296_000,
        refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
        re_expires_in: 2_592_000,
        auth_start: alipayTimestamp(this.now()),
      });
    }

    if (method === 'alipay.open.app.mini.templatemessage.send') {
      const biz = parseJsonObject(params.biz_content ?? '');
      if (!biz) return invalid('isv.invalid-parameter', 'biz_content 格式错误');
      const business = (subCode: string, subMsg: string) =>
        this.sendAlipay(res, responseKey, {
          code: '40004',
          msg: 'Business Failed',
          sub_code: subCode,
          sub_msg: subMsg,
        });
      if (typeof biz.to_user_id !== 'string' || !biz.to_user_id)
        return business('USER_ID_ILLEGAL', '用户ID不合法');
      if (typeof biz.user_template_id !== 'string' || !biz.user_template_id)
        return business('USER_TEMPLATE_ILLEGAL', '模板不合法');
      const data = typeof biz.data === 'string' ? templateData(parseJsonObject(biz.data)) : undefined;
      if (!data) return business('DATA_ILLEGAL', 'data 不合法');
      await this.outbox.record({
        channel: 'alipay',
        to: biz.to_user_id,
        templateId: biz.user_template_id,
        data,
        page: typeof biz.page === 'string' && biz.page ? biz.page : null,
      });
      return this.sendAlipay(res, responseKey, { code: '10000', msg: 'Success' });
    }

    return invalid('isv.invalid-method', '不存在的方法名');
  }

  /** Answers `{"<key>": node, "sign": RSA2(node text)}` the way the gateway does. */
  private sendAlipay(res: ServerResponse, key: string, node: Record<string, unknown>): void {
    const nodeText = JSON.stringify(node);
    const sign = rsa2Sign(nodeText, this.alipayPrivateKey);
    const text = `{"${key}":${nodeText},"sign":${JSON.stringify(sign)}}`;
    res.writeHead(200, {
      'content-type': 'text/html;charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}

interface WechatError {
  errcode: number;
  errmsg: string;
}

function wechatError(errcode: number, errmsg: string): WechatError {
  return { errcode, errmsg: `${errmsg} rid: sandbox-${randomBytes(4).toString('hex')}` };
}

/** `<value>` from `sandbox:<value>` when it matches `pattern`. */
function sandboxValue(code: string, pattern: RegExp): string | undefined {
  if (!code.startsWith(SANDBOX_CODE_PREFIX)) return undefined;
  const value = code.slice(SANDBOX_CODE_PREFIX.length);
  return pattern.test(value) ? value : undefined;
}

/** Template data in the platforms' shape `{key: {value}}`, flattened to `{key: value}`. */
function templateData(data: unknown): Record<string, string> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const flat: Record<string, string> = {};
  for (const [key, field] of Object.entries(data)) {
    const value = (field as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    flat[key] = String(value);
  }
  return flat;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequestBody('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

interface PemKeyPair {
  privateKey: string;
  publicKey: string;
}

let keysOnce: Promise<{ alipayKeys: PemKeyPair; appKeys: PemKeyPair }> | undefined;

/**
 * The sandbox's two RSA key pairs, generated once per process: they protect nothing, and two
 * 2048-bit pairs per start would slow every test that boots the app.
 */
function sandboxKeys(): Promise<{ alipayKeys: PemKeyPair; appKeys: PemKeyPair }> {
  keysOnce ??= Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]).then(([alipayKeys, appKeys]) => ({
    alipayKeys,
    appKeys,
  }));
  return keysOnce;
}

async function generateRsaKeyPair(): Promise<PemKeyPair> {
  return promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
