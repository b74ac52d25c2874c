// Tokens and card codes a client should never get through with: the real claims of a real caller,
// re-signed expired, signed with another key, or not signed at all. Signing goes through the
// running app's own services (JwtService, CardCodeService), so what is tested is their checking.
import { JwtService } from '@nestjs/jwt';
import type { CardCode } from '@vip-club/shared';
import type { AppConfig } from '../../../src/config/app-config';
import { CardCodeService } from '../../../src/modules/members/card-code.service';
import type { TestApp } from '../../setup/test-app';

/** A key no club uses; at least 32 characters like any JWT_SECRET. */
const FOREIGN_SECRET = 'a-secret-of-some-other-club-0123456789abcdef';

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** The caller's claims without the times, ready to be signed again. */
function identityClaims(token: string): Record<string, unknown> {
  const { iat: _iat, exp: _exp, nbf: _nbf, ...claims } = claimsOf(token);
  return claims;
}

function appJwt(club: TestApp): JwtService {
  return club.app.get(JwtService, { strict: false });
}

/** The same caller, correctly signed, expired a minute ago. */
export function expiredLike(club: TestApp, token: string): string {
  return appJwt(club).sign(identityClaims(token), { expiresIn: -60 });
}

/** The same caller, valid for an hour, signed with a key the club does not know. */
export function forgedLike(token: string): string {
  return new JwtService({ secret: FOREIGN_SECRET }).sign(identityClaims(token), { expiresIn: 3600 });
}

/** The same caller with `alg: none` and no signature: the classic JWT bypass. */
export function unsignedLike(token: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(
    JSON.stringify({ ...identityClaims(token), iat: now, exp: now + 3600 }),
  ).toString('base64url');
  return `${header}.${payload}.`;
}

/** Correctly signed and current, but claiming a role the club does not have. */
export function withUnknownRole(club: TestApp, token: string): string {
  return appJwt(club).sign({ ...identityClaims(token), role: 'admin' }, { expiresIn: 3600 });
}

function cardCodes(club: TestApp): CardCodeService {
  return club.app.get(CardCodeService, { strict: false });
}

/**
 * A card code the club signed, whose minute is over. The TTL (60 s) is a constant of the card-code
 * service, not configuration, so rather than wait a minute the test asks the service for a code
 * that expired a second ago.
 */
export function expiredCardCode(club: TestApp, memberId: string): CardCode {
  return cardCodes(club).sign(memberId, new Date(Date.now() - 1000));
}

/** A current code the club signed for `memberId`, whether or not that member exists. */
export function issuedCardCode(club: TestApp, memberId: string): CardCode {
  return cardCodes(club).issue(memberId);
}

/** A well-formed, current code signed by another club's key. */
export function foreignCardCode(memberId: string): CardCode {
  return new CardCodeService({ jwtSecret: FOREIGN_SECRET } as AppConfig).issue(memberId);
}
