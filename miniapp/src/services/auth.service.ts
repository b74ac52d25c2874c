import type { Platform, PlatformLoginResponse, StaffLoginInput, StaffLoginResponse } from '@vip-club/shared';
import { request } from '../lib/request';

/** `POST /auth/wechat` · `POST /auth/alipay`. */
export function loginWithPlatform(platform: Platform, code: string): Promise<PlatformLoginResponse> {
  return request<PlatformLoginResponse>(`/auth/${platform}`, { method: 'POST', body: { code } });
}

/** `POST /auth/staff`. */
export function loginStaff(input: StaffLoginInput): Promise<StaffLoginResponse> {
  return request<StaffLoginResponse>('/auth/staff', { method: 'POST', body: input });
}
