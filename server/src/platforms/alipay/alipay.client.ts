import type { KeyObject } from 'node:crypto';
import { PlatformError } from '../platform-error';
import { DEFAULT_PLATFORM_TIMEOUT_MS, parseJson, platformFetch, readText } from '../platform-http';
import {
  alipayAesDecrypt,
  alipayPrivateKey,
  alipayPublicKey,
  alipaySignContent,
  alipayTimestamp,
  rawJsonMember,
  rsa2Sign,
  rsa2Verify,
} from './alipay-crypto';

/** The production open-platform gateway; the sandbox serves the same path. */
export const ALIPAY_DEFAULT_GATEWAY = 'https://openapi.alipay.com/gateway.do';

export interface AlipayClientOptions {
  appId: string;
  /** The app's RSA private key (PEM, or bare base64 PKCS#8/PKCS#1 as Alipay's key tool gives it). */
  privateKey: string | KeyObject;
  /** Alipay's public key, which signs every gateway response. */
  alipayPublicKey: string | KeyObject;
  /** Defaults to {@link ALIPAY_DEFAULT_GATEWAY}. */
  gateway?: string;
  /** Base64 AES key of the app's content encryption, for `my.getPhoneNumber`. */
  aesKey?: string;
  timeoutMs?: number;
  now?: () => Date;
}

/** Who an Alipay auth code belongs to. */
export interface AlipayOauthToken {
  /** `user_id` (2088…) for apps on the old identity, `open_id` for apps created since 2023. */
  userId: string;
  accessToken: string;
}

export interface AlipayTemplateMessage {
  toUserId: string;
  templateId: string;
  /** Mini-program page opened from the message. */
  page?: string;
  data: Record<string, string>;
  /** Trade number or form id some template kinds require; subscribe templates need none. */
  formId?: string;
}

/** Gateway result code meaning success. */
const ALIPAY_SUCCESS = '10000';

/** The Alipay open-platform API (v1 gateway) over plain HTTP, signed RSA2. */
export class AlipayClient {
  readonly gateway: string;
  readonly appId: string;
  private readonly privateKey: KeyObject;
  private readonly alipayPublicKey: KeyObject;
  private readonly aesKey: string | undefined;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: AlipayClientOptions) {
    this.appId = options.appId;
    this.privateKey = alipayPrivateKey(options.privateKey);
    this.alipayPublicKey = alipayPublicKey(options.alipayPublicKey);
    this.gateway = options.gateway ?? ALIPAY_DEFAULT_GATEWAY;
    this.aesKey = options.aesKey;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PLATFORM_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Exchanges a `my.getAuthCode` code for the user's id (`alipay.system.oauth.token`). */
  async oauthToken(authCode: string): Promise<AlipayOauthToken> {
    const node = await this.call('alipay.system.oauth.token', {
      grant_type: 'authorization_code',
      code: authCode,
    });
    const userId = stringField(node, 'user_id') ?? stringField(node, 'open_id');
    const accessToken = stringField(node, 'access_token');
    if (!userId || !accessToken) throw badResponse('oauth.token answered without user id or access_token');
    return { userId, accessToken };
  }

  /** Sends a mini-program template (subscribe) message (`alipay.open.app.mini.templatemessage.send`). */
  async sendTemplateMessage(message: AlipayTemplateMessage): Promise<void> {
    const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]));
    await this.call('alipay.open.app.mini.templatemessage.send', undefined, {
      to_user_id: message.toUserId,
      user_template_id: message.templateId,
      ...(message.page === undefined ? {} : { page: message.page }),
      ...(message.formId === undefined ? {} : { form_id: message.formId }),
      // The API takes `data` as a JSON string inside biz_content.
      data: JSON.stringify(data),
    });
  }

  /**
   * Reads the phone number out of what `my.getPhoneNumber` gave the mini-program: the JSON text
   * `{"response": "<AES cipher text>", "sign": "...", ...}`. The signature covers the cipher text
   * in quotes; the plain text is `{"code":"10000","msg":"Success","mobile":"…"}`.
   */
  decryptPhoneNumber(encryptedResponse: string): string {
    if (!this.aesKey)
      throw new PlatformError('alipay', 'unavailable', 'no_aes_key', 'ALIPAY_AES_KEY is not configured');
    let envelope: unknown;
    try {
      envelope = JSON.parse(encryptedResponse);
    } catch {
      throw rejected('bad_phone_response', 'phone response is not JSON');
    }
    const cipherText = stringField(envelope, 'response');
    const signature = stringField(envelope, 'sign');
    if (!cipherText || !signature) throw rejected('bad_phone_response', 'phone response lacks response/sign');
    const encrypted = !cipherText.startsWith('{');
    const signed = encrypted ? `"${cipherText}"` : cipherText;
    if (!rsa2Verify(signed, signature, this.alipayPublicKey)) {
      throw rejected('bad_signature', 'phone response signature does not verify');
    }
    let plain: unknown;
    try {
      plain = JSON.parse(encrypted ? alipayAesDecrypt(cipherText, this.aesKey) : cipherText);
    } catch {
      throw rejected('bad_phone_response', 'phone response does not decrypt');
    }
    const code = stringField(plain, 'code');
    if (code !== ALIPAY_SUCCESS) {
      throw rejected(
        stringField(plain, 'subCode') ?? code ?? 'unknown',
        `phone response code ${code}: ${stringField(plain, 'subMsg') ?? stringField(plain, 'msg') ?? ''}`,
      );
    }
    const mobile = stringField(plain, 'mobile');
    if (!mobile) throw rejected('bad_phone_response', 'phone response has no mobile');
    return mobile;
  }

  /** Calls one gateway method and returns its verified, successful `xxx_response` node. */
  private async call(
    method: string,
    extraParams: Record<string, string> | undefined,
    bizContent?: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const params: Record<string, string> = {
      app_id: this.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(this.now()),
      version: '1.0',
      ...extraParams,
      ...(bizContent === undefined ? {} : { biz_content: JSON.stringify(bizContent) }),
    };
    params.sign = rsa2Sign(alipaySignContent(params), this.privateKey);

    const response = await platformFetch(
      'alipay',
      this.gateway,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
      },
      this.timeoutMs,
    );
    const raw = await readText('alipay', response);
    if (response.status !== 200) {
      throw new PlatformError(
        'alipay',
        'unavailable',
        `http_${response.status}`,
        `Alipay gateway answered HTTP ${response.status}`,
      );
    }
    const body = parseJson('alipay', raw);
    if (typeof body !== 'object' || body === null) throw badResponse('gateway answered a non-object');

    const responseKey = `${method.replace(/\./g, '_')}_response`;
    const key = responseKey in body ? responseKey : 'error_response' in body ? 'error_response' : undefined;
    if (!key) throw badResponse(`gateway answered without ${responseKey}`);
    const node = (body as Record<string, unknown>)[key];
    const signature = (body as { sign?: unknown }).sign;
    const signedText = rawJsonMember(raw, key);
    if (typeof node !== 'object' || node === null || signedText === undefined)
      throw badResponse(`${key} is not an object`);

    // The gateway signs every answer it produces; an unsigned one is only acceptable as a failure
    // raised before the app was identified (it cannot make us believe anything).
    const isSigned = typeof signature === 'string' && signature.length > 0;
    if (isSigned && !rsa2Verify(signedText, signature, this.alipayPublicKey)) {
      throw new PlatformError(
        'alipay',
        'unavailable',
        'bad_signature',
        `${method} response signature does not verify`,
      );
    }
    const result = node as Record<string, unknown>;
    const code = stringField(result, 'code');
    if (key === 'error_response' || (code !== undefined && code !== ALIPAY_SUCCESS))
      throw gatewayError(method, result);
    if (!isSigned)
      throw new PlatformError('alipay', 'unavailable', 'bad_signature', `${method} response is not signed`);
    return result;
  }
}

/**
 * A gateway failure. Only a bad or spent code (`isv.code-*`) or a business refusal (40004) is the
 * caller's fault; the rest (missing permissions, bad signature, busy) is ours or Alipay's.
 */
function gatewayError(method: string, node: Record<string, unknown>): PlatformError {
  const code = stringField(node, 'code') ?? 'unknown';
  const subCode = stringField(node, 'sub_code');
  const kind = code === '40004' || subCode?.startsWith('isv.code-') ? 'rejected' : 'unavailable';
  const text = [stringField(node, 'msg'), stringField(node, 'sub_msg')].filter(Boolean).join(': ');
  return new PlatformError(
    'alipay',
    kind,
    subCode ?? code,
    `${method} failed (${code}${subCode ? ` ${subCode}` : ''}): ${text}`,
  );
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function badResponse(message: string): PlatformError {
  return new PlatformError('alipay', 'unavailable', 'bad_response', message);
}

function rejected(code: string, message: string): PlatformError {
  return new PlatformError('alipay', 'rejected', code, message);
}
