import type { StaffRole } from '../enums/role';
import type { Member } from './member.contract';

/** An access token (short-lived JWT) and its refresh token (rotated on each use). */
export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

/** `POST /auth/wechat` · `POST /auth/alipay`: `member` is null until the platform user joins. */
export interface PlatformLoginResponse extends AuthTokens {
  member: Member | null;
}

/** The staff member a staff token speaks for. */
export interface StaffSummary {
  id: string;
  role: StaffRole;
  storeId: string | null;
}

/** `POST /auth/staff`. */
export interface StaffLoginResponse extends AuthTokens {
  staff: StaffSummary;
}
