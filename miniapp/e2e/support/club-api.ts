import { readFileSync } from 'node:fs';
import type { CardCode, Me, PlatformLoginResponse } from '@vip-club/shared';
import type { E2eState } from './global-setup';
import { httpJson } from './http';

/** The running server's address, written by the global setup. */
export function baseUrl(): string {
  const stateFile = process.env.MINIAPP_E2E_STATE;
  if (!stateFile) throw new Error('MINIAPP_E2E_STATE is not set: run through the miniapp-e2e jest project');
  return (JSON.parse(readFileSync(stateFile, 'utf8')) as E2eState).baseUrl;
}

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const res = await httpJson(`${baseUrl()}/api/v1${path}`, init);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

/** A member as the API knows them, through the same sandbox login the H5 app uses. */
export async function memberByApi(
  sandboxId: string,
): Promise<{ token: string; me: Me; cardCode: () => Promise<CardCode> }> {
  const login = await call<PlatformLoginResponse>('/auth/wechat', {
    method: 'POST',
    body: { code: `sandbox:${sandboxId}` },
  });
  const token = login.accessToken;
  const me = await call<Me>('/me', { token });
  return { token, me, cardCode: () => call<CardCode>('/me/card-code', { token }) };
}
