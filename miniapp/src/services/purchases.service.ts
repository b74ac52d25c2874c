import type { PurchaseResult, RecordPurchaseInput, RefundInput, RefundResult } from '@vip-club/shared';
import { request } from '../lib/request';

/** `POST /purchases`: the same store and order number again answers the first result. */
export function recordPurchase(input: RecordPurchaseInput): Promise<PurchaseResult> {
  return request<PurchaseResult>('/purchases', { method: 'POST', body: input, auth: 'staff' });
}

/** `POST /purchases/{id}/refunds`; the key makes a retried tap harmless. */
export function refundPurchase(
  purchaseId: string,
  input: RefundInput,
  idempotencyKey: string,
): Promise<RefundResult> {
  return request<RefundResult>(`/purchases/${encodeURIComponent(purchaseId)}/refunds`, {
    method: 'POST',
    body: input,
    auth: 'staff',
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
