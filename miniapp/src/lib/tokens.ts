import type { AuthTokens } from '@vip-club/shared'
import { readStored, removeStored, writeStored } from './storage'

/**
 * Whose tokens a request carries. A member's and a staff member's sessions are kept apart, so a
 * clerk who signs in on their own phone does not lose their member card, and vice versa.
 */
export type SessionKind = 'member' | 'staff'

const KEYS: Record<SessionKind, string> = { member: 'club.session.member', staff: 'club.session.staff' }

export function loadTokens(kind: SessionKind): AuthTokens | undefined {
  const stored = readStored<AuthTokens>(KEYS[kind])
  return stored && typeof stored.accessToken === 'string' && typeof stored.refreshToken === 'string' ? stored : undefined
}

export function saveTokens(kind: SessionKind, tokens: AuthTokens): void {
  writeStored(KEYS[kind], { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
}

export function clearTokens(kind: SessionKind): void {
  removeStored(KEYS[kind])
}

/** The role inside an access token, read without verifying it (the server verifies; this only routes). */
export function roleOf(accessToken: string): string | undefined {
  const payload = accessToken.split('.')[1]
  if (!payload) return undefined
  try {
    const json = decodeBase64Url(payload)
    const claims = JSON.parse(json) as { role?: unknown }
    return typeof claims.role === 'string' ? claims.role : undefined
  } catch {
    return undefined
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

// Mini-program runtimes have no atob; JWT claims here are ASCII, so a byte decode is enough.
function decodeBase64Url(input: string): string {
  const s = input.replace(/-/g, '+').replace(/_/g, '/')
  let out = ''
  let buffer = 0
  let bits = 0
  for (const ch of s) {
    const v = B64.indexOf(ch)
    if (v < 0) continue
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out += String.fromCharCode((buffer >> bits) & 0xff)
    }
  }
  return out
}
