import type { AuthTokens } from '@vip-club/shared';
import { readStored, removeStored, writeStored } from './storage';

/**
 * Whose tokens a request carries. A member's and a staff member's sessions are kept apart, so a
 * clerk who signs in on their own phone does not lose their member card, and vice versa.
 */
export type SessionKind = 'member' | 'staff';

const KEYS: Record<SessionKind, string> = { member: 'club.session.member', staff: 'club.session.staff' };

export function loadTokens(kind: SessionKind): AuthTokens | undefined {
  const stored = readStored<AuthTokens>(KEYS[kind]);
  return stored && typeof stored.accessToken === 'string' && typeof stored.refreshToken === 'string'
    ? stored
    : undefined;
}

export function saveTokens(kind: SessionKind, tokens: AuthTokens): void {
  writeStored(KEYS[kind], { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

export function clearTokens(kind: SessionKind): void {
  removeStored(KEYS[kind]);
}
