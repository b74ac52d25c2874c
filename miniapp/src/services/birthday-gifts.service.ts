import type { BirthdayGiftSettings } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /birthday-gifts` (manager): each tier's gift and the guard days. */
export function getBirthdayGifts(): Promise<BirthdayGiftSettings> {
  return request<BirthdayGiftSettings>('/birthday-gifts', { auth: 'staff' });
}

/** `PUT /birthday-gifts` (manager): every tier named; gifts already given this year stay as they were. */
export function saveBirthdayGifts(settings: BirthdayGiftSettings): Promise<BirthdayGiftSettings> {
  return request<BirthdayGiftSettings>('/birthday-gifts', { method: 'PUT', body: settings, auth: 'staff' });
}
