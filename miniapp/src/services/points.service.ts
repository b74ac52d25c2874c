import type {
  LedgerEntry,
  Paginated,
  PointsAdjustmentInput,
  PointsSummary,
  TiersPage,
} from '@vip-club/shared';
import { request } from '../lib/request';

/** `GET /me/points`: the ledger, newest first. */
export function getLedger(limit = 50): Promise<Paginated<LedgerEntry>> {
  return request<Paginated<LedgerEntry>>('/me/points', { query: { limit }, auth: 'member' });
}

/** `GET /me/points/summary`: balance, pending, spendable, and what expires next. */
export function getPointsSummary(): Promise<PointsSummary> {
  return request<PointsSummary>('/me/points/summary', { auth: 'member' });
}

/** `GET /tiers`: thresholds, earn rates and benefits of every tier. */
export function getTiers(): Promise<TiersPage> {
  return request<TiersPage>('/tiers', { auth: 'member' });
}

/** `POST /members/{id}/points/adjustments` (manager); the key makes a retried tap harmless. */
export function adjustPoints(
  memberId: string,
  input: PointsAdjustmentInput,
  idempotencyKey: string,
): Promise<LedgerEntry> {
  return request<LedgerEntry>(`/members/${encodeURIComponent(memberId)}/points/adjustments`, {
    method: 'POST',
    body: input,
    auth: 'staff',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
