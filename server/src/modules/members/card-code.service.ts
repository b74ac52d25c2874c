import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type CardCode, ErrorCode } from '@vip-club/shared';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';

/** A card code lives a minute: long enough to scan, too short to be worth photographing. */
export const CARD_CODE_TTL_SECONDS = 60;

const SIGNATURE_CHARS = 22; // 132 bits of HMAC-SHA256, base64url

/**
 * The in-store QR code: `<member id base36>.<expiry, unix seconds base36>.<HMAC>`, about 35
 * characters, so the QR stays coarse enough for any scanner. Signed with a key derived from the
 * JWT secret, so no extra secret needs configuring.
 */
@Injectable()
export class CardCodeService {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('vip-club card code v1').digest();
  }

  issue(memberId: string, now: Date = new Date()): CardCode {
    return this.sign(
      memberId,
      new Date(Math.floor(now.getTime() / 1000) * 1000 + CARD_CODE_TTL_SECONDS * 1000),
    );
  }

  /** A code valid until `expiresAt` (whole seconds); `issue` is the usual way in. */
  sign(memberId: string, expiresAt: Date): CardCode {
    const payload = `${BigInt(memberId).toString(36)}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
    return { code: `${payload}.${this.signature(payload)}`, expiresAt: expiresAt.toISOString() };
  }

  /** The member id a code stands for: 400 CARD_CODE_INVALID if forged or garbled, 410 CARD_CODE_EXPIRED if stale. */
  verify(code: string, now: Date = new Date()): string {
    const match = /^([0-9a-z]{1,13})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]+)$/.exec(code.trim());
    if (!match) throw invalid();
    const [, id36, exp36, signature] = match;
    const expected = Buffer.from(this.signature(`${id36}.${exp36}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    if (parseInt(exp36, 36) * 1000 <= now.getTime()) {
      throw new DomainError(
        ErrorCode.CARD_CODE_EXPIRED,
        'This card code has expired; ask the member to refresh it',
      );
    }
    return parseBase36(id36).toString();
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, SIGNATURE_CHARS);
  }
}

function parseBase36(text: string): bigint {
  let value = 0n;
  for (const ch of text) value = value * 36n + BigInt(parseInt(ch, 36));
  return value;
}

function invalid(): DomainError {
  return new DomainError(ErrorCode.CARD_CODE_INVALID, 'This is not a valid card code');
}
