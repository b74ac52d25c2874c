import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto';

/**
 * Alipay open-platform (API v1, `gateway.do`) signing: RSA2 is SHA256withRSA over the request's
 * parameters sorted by name, `k=v` joined by `&`, without `sign` and without empty values; responses
 * are signed over the raw JSON text of their `xxx_response` node.
 */

/** Alipay hands out keys as bare base64 as often as PEM; accept either. */
export function alipayPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  const trimmed = key.trim();
  if (trimmed.startsWith('-----')) return createPrivateKey(trimmed);
  const der = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** Alipay's public key (or an app's), as PEM or bare base64 SPKI. */
export function alipayPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  const trimmed = key.trim();
  if (trimmed.startsWith('-----')) return createPublicKey(trimmed);
  return createPublicKey({
    key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'),
    format: 'der',
    type: 'spki',
  });
}

/** The string Alipay signs for a set of request (or notification) parameters. */
export function alipaySignContent(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function rsa2Sign(content: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, the only timestamp format the gateway accepts. */
export function alipayTimestamp(at: Date): string {
  const beijing = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${beijing.slice(0, 10)} ${beijing.slice(11, 19)}`;
}

/**
 * The exact text of the JSON value stored under `key` at the top level of `raw`, or undefined.
 * Signatures cover these bytes as Alipay sent them, so re-serialising the parsed object would not
 * do (key order, escapes and spacing may differ).
 */
export function rawJsonMember(raw: string, key: string): string | undefined {
  const needle = `${JSON.stringify(key)}`;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '"') {
      const end = endOfString(raw, i);
      if (depth === 1 && raw.startsWith(needle, i) && end === i + needle.length) {
        let start = end;
        while (/\s/.test(raw[start] ?? '')) start++;
        if (raw[start] !== ':') return undefined;
        start++;
        while (/\s/.test(raw[start] ?? '')) start++;
        return raw.slice(start, endOfValue(raw, start));
      }
      i = end - 1;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return undefined;
}

function endOfString(raw: string, quote: number): number {
  for (let i = quote + 1; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '"') return i + 1;
  }
  return raw.length;
}

function endOfValue(raw: string, start: number): number {
  if (raw[start] === '"') return endOfString(raw, start);
  let depth = 0;
  for (let i = start; i < raw.length; i++) {
    const char = raw[i];
    if (char === '"') {
      i = endOfString(raw, i) - 1;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (char === ',' || /\s/.test(char))) {
      return i;
    }
  }
  return raw.length;
}

/** Alipay's content encryption: AES-CBC with a zero IV and PKCS#7 padding, key given as base64. */
export function alipayAesDecrypt(cipherTextBase64: string, aesKeyBase64: string): string {
  const key = Buffer.from(aesKeyBase64, 'base64');
  const decipher = createDecipheriv(aesAlgorithm(key), key, Buffer.alloc(16));
  return Buffer.concat([decipher.update(Buffer.from(cipherTextBase64, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

export function alipayAesEncrypt(plainText: string, aesKeyBase64: string): string {
  const key = Buffer.from(aesKeyBase64, 'base64');
  const cipher = createCipheriv(aesAlgorithm(key), key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]).toString('base64');
}

function aesAlgorithm(key: Buffer): string {
  if (key.length === 16) return 'aes-128-cbc';
  if (key.length === 24) return 'aes-192-cbc';
  if (key.length === 32) return 'aes-256-cbc';
  throw new Error(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
}
