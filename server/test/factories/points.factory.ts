// Builders and checks for the points economy, through HTTP (and SQL only to verify invariants).
import type { PurchaseResult } from '@vip-club/shared';
import type { DataSource } from 'typeorm';
import type { TestAgent } from '../setup/test-app';
import { API, bearer, joinMember, type JoinedMember, unique } from './club.factory';

/** A purchase body for `POST /purchases`; the order number is new each call. */
export function purchaseBody(
  storeId: string,
  member: { memberId: string } | { cardCode: string },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    storeId,
    orderNo: unique('ORD-'),
    amount: 128_800,
    occurredAt: new Date().toISOString(),
    ...member,
    ...overrides,
  };
}

/** Records a purchase as `token`'s staff member and expects 201. */
export async function recordPurchase(
  http: TestAgent,
  token: string,
  body: Record<string, unknown>,
): Promise<PurchaseResult> {
  const res = await http.post(`${API}/purchases`).set(bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`POST /purchases: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PurchaseResult;
}

/** For every member: the cached balance and the sum of their ledger; they must be equal. */
export async function balancesAgainstLedger(
  ds: DataSource,
  memberIds?: string[],
): Promise<Array<{ memberId: string; points: number; ledgerSum: number }>> {
  const where =
    memberIds && memberIds.length > 0 ? `WHERE m.id IN (${memberIds.map(() => '?').join(',')})` : '';
  const rows: Array<{ id: string | number; points: string | number; sum: string | number | null }> =
    await ds.query(
      `SELECT m.id AS id, m.points AS points, (SELECT SUM(l.delta) FROM points_ledger l WHERE l.member_id = m.id) AS sum FROM members m ${where}`,
      memberIds ?? [],
    );
  return rows.map((r) => ({
    memberId: String(r.id),
    points: Number(r.points),
    ledgerSum: Number(r.sum ?? 0),
  }));
}

/** Expects balance = sum of ledger for each of the members (or all of them). */
export async function expectBalancesMatchLedger(ds: DataSource, memberIds?: string[]): Promise<void> {
  const rows = await balancesAgainstLedger(ds, memberIds);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows)
    expect({ memberId: row.memberId, points: row.ledgerSum }).toEqual({
      memberId: row.memberId,
      points: row.points,
    });
}

/** The month (1..12) it is now in the club's default time zone. */
export function clubMonthNow(timeZone = 'Asia/Shanghai'): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' }).format(new Date()));
}

/** A new member born in `month` (by default next month, so purchases earn plain tier points). */
export function joinMemberBornIn(http: TestAgent, month = (clubMonthNow() % 12) + 1): Promise<JoinedMember> {
  return joinMember(http, { birthday: `1990-${String(month).padStart(2, '0')}-10` });
}
