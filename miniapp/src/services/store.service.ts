import type { CreateStoreInput, Paginated, Store } from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /stores`: public, so a visitor can choose a boutique while joining. */
export async function listStores(): Promise<Store[]> {
  const answer = await request<Paginated<Store> | Store[]>('/stores', { query: { limit: 100 } });
  return Array.isArray(answer) ? answer : answer.items;
}

/** `POST /stores` (manager). */
export function createStore(input: CreateStoreInput): Promise<Store> {
  return request<Store>('/stores', { method: 'POST', body: input, auth: 'staff' });
}
