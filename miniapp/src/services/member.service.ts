import type { CardCode, JoinInput, JoinResponse, Me, UpdateMeInput } from '@vip-club/shared';
import { request } from '../lib/request';

/** `POST /members`: the visitor's token becomes a member's. */
export function joinClub(input: JoinInput): Promise<JoinResponse> {
  return request<JoinResponse>('/members', { method: 'POST', body: input, auth: 'member' });
}

/** `GET /me`. */
export function getMe(): Promise<Me> {
  return request<Me>('/me', { auth: 'member' });
}

/** `PATCH /me`. */
export function updateMe(input: UpdateMeInput): Promise<unknown> {
  return request<unknown>('/me', { method: 'PATCH', body: input, auth: 'member' });
}

/** `GET /me/card-code`: valid for 60 seconds. */
export function getCardCode(): Promise<CardCode> {
  return request<CardCode>('/me/card-code', { auth: 'member' });
}

/** `GET /me/export`: all the member's personal data. */
export function exportMe(): Promise<unknown> {
  return request<unknown>('/me/export', { auth: 'member' });
}

/** `DELETE /me`: leaves the club; personal data is anonymised. */
export function leaveClub(): Promise<void> {
  return request<void>('/me', { method: 'DELETE', auth: 'member' });
}
