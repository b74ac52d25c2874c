import { ErrorCode } from '@vip-club/shared';
import type { AppConfig } from '../../config/app-config';
import { CardCodeService } from './card-code.service';

const service = (secret = 'a-test-secret-of-at-least-32-characters!') =>
  new CardCodeService({ jwtSecret: secret } as AppConfig);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('CardCodeService', () => {
  const now = new Date('2026-11-23T08:00:00.250Z');

  it('issues a short code valid for 60 seconds that names the member', () => {
    const cards = service();
    const card = cards.issue('123456789012', now);
    expect(card.expiresAt).toBe('2026-11-23T08:01:00.000Z');
    expect(card.code.length).toBeLessThanOrEqual(48);
    expect(cards.verify(card.code, now)).toBe('123456789012');
    expect(cards.verify(card.code, new Date('2026-11-23T08:00:59.999Z'))).toBe('123456789012');
  });

  it('refuses the code from the second it expires: CARD_CODE_EXPIRED', () => {
    const cards = service();
    const card = cards.issue('42', now);
    expect(codeOf(() => cards.verify(card.code, new Date('2026-11-23T08:01:00.000Z')))).toBe(
      ErrorCode.CARD_CODE_EXPIRED,
    );
  });

  it('refuses a code signed with another secret, or altered, as CARD_CODE_INVALID (even when expired)', () => {
    const card = service('another-secret-of-at-least-32-characters').issue('42', now);
    expect(codeOf(() => service().verify(card.code, now))).toBe(ErrorCode.CARD_CODE_INVALID);
    const [id, exp, sig] = service().issue('42', now).code.split('.');
    const longer = (parseInt(exp, 36) + 3600).toString(36);
    expect(codeOf(() => service().verify(`${id}.${longer}.${sig}`, now))).toBe(ErrorCode.CARD_CODE_INVALID);
    expect(codeOf(() => service().verify(`${id}.${exp}.${sig}`, new Date('2030-01-01')))).toBe(
      ErrorCode.CARD_CODE_EXPIRED,
    );
    expect(codeOf(() => service().verify(`${id}.${exp}.${sig}x`, now))).toBe(ErrorCode.CARD_CODE_INVALID);
  });

  it.each(['', 'abc', '1.2', '1.2.3.4', 'A.B.signature', '1 .2.sig', `${'z'.repeat(14)}.1.sig`])(
    'refuses %j as CARD_CODE_INVALID',
    (code) => {
      expect(codeOf(() => service().verify(code, now))).toBe(ErrorCode.CARD_CODE_INVALID);
    },
  );
});
