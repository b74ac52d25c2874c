import { readFileSync } from 'node:fs'
import type { CardCode, Me, PlatformLoginResponse } from '@vip-club/shared'
import type { E2eState } from './global-setup'

/** The running server's address, written by the global setup. */
export function baseUrl(): string {
  const stateFile = process.env.MINIAPP_E2E_STATE
  if (!stateFile) throw new Error('MINIAPP_E2E_STATE is not set: run through the miniapp-e2e jest project')
  return (JSON.parse(readFileSync(stateFile, 'utf8')) as E2eState).baseUrl
}

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (init.token) headers.authorization = `Bearer ${init.token}`
  const res = await fetch(`${baseUrl()}/api/v1${path}`, { ...init, headers })
  const body = (await res.json()) as T
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(body)}`)
  return body
}

/** A member as the API knows them, through the same sandbox login the H5 app uses. */
export async function memberByApi(sandboxId: string): Promise<{ token: string; me: Me; cardCode: () => Promise<CardCode> }> {
  const login = await call<PlatformLoginResponse>('/auth/wechat', {
    method: 'POST',
    body: JSON.stringify({ code: `sandbox:${sandboxId}` }),
  })
  const token = login.accessToken
  const me = await call<Me>('/me', { token })
  return { token, me, cardCode: () => call<CardCode>('/me/card-code', { token }) }
}
