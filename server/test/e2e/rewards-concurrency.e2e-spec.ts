// Redemptions fired truly at once over HTTP against MariaDB: stock, limits and points must hold
// whatever the interleaving, and every balance must stay the sum of its ledger.
import type { RedemptionCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { API, joinMember, loginManager, unique, type JoinedMember } from '../factories/club.factory';
import { adjustPoints, balancesAndLedgerSums, createReward } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

interface Answer {
  status: number;
  body: { code?: string; error?: { code: string; details?: unknown } } & Partial<RedemptionCreated>;
}

describe('redemptions under concurrency (MySQL)', () => {
  let club: TestApp;
  let managerToken: string;
  let db: DataSource;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    db = club.app.get(DataSource);
  });
  afterAll(async () => {
    await club?.close();
  });

  /** One request on its own connection, so hundreds really are in flight at once. */
  async function fire(token: string, rewardId: string, quantity: number, key: string): Promise<Answer> {
    const res = await fetch(`${club.baseUrl}${API}/rewards/${rewardId}/redemptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify({ quantity }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  async function members(count: number, points: number): Promise<JoinedMember[]> {
    const made: JoinedMember[] = [];
    // A few at a time: joining is not what is under test.
    for (let i = 0; i < count; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, () => joinMember(club.request)),
      );
      made.push(...batch);
    }
    await Promise.all(made.map((m) => adjustPoints(club.request, managerToken, m.id, points)));
    return made;
  }

  async function stockLeft(rewardId: string): Promise<number> {
    const rows: Array<{ stock_left: unknown }> = await db.query(
      'SELECT stock_left FROM rewards WHERE id = ?',
      [rewardId],
    );
    return Number(rows[0].stock_left);
  }

  async function liveRedemptions(rewardId: string): Promise<Array<{ member_id: string; units: number }>> {
    const rows: Array<{ member_id: unknown; units: unknown }> = await db.query(
      "SELECT member_id, SUM(quantity) AS units FROM redemptions WHERE reward_id = ? AND status IN ('awaiting_pickup', 'fulfilled') GROUP BY member_id",
      [rewardId],
    );
    return rows.map((r) => ({ member_id: String(r.member_id), units: Number(r.units) }));
  }

  function tally(answers: Answer[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of answers) {
      const label = a.status === 201 ? '201' : `${a.status} ${a.body.error?.code ?? '?'}`;
      counts[label] = (counts[label] ?? 0) + 1;
    }
    return counts;
  }

  it('500 attempts by 50 members on a gift with stock 100: exactly 100 redemptions, stock 0, balances = ledgers', async () => {
    const cost = 10;
    const attemptsEach = 10;
    const crowd = await members(50, cost * attemptsEach);
    const gift = await createReward(club.request, managerToken, {
      pointsCost: cost,
      stock: 100,
      perMemberLimit: 1000,
    });

    const answers = await Promise.all(
      crowd.flatMap((m) =>
        Array.from({ length: attemptsEach }, () => fire(m.accessToken, gift.id, 1, unique('k-'))),
      ),
    );

    expect(tally(answers)).toEqual({ '201': 100, '409 OUT_OF_STOCK': 400 });
    expect(await stockLeft(gift.id)).toBe(0);
    const live = await liveRedemptions(gift.id);
    expect(live.reduce((sum, r) => sum + r.units, 0)).toBe(100);
    const codes = answers.filter((a) => a.status === 201).map((a) => a.body.code);
    expect(new Set(codes).size).toBe(100);

    const unitsByMember = new Map(live.map((r) => [r.member_id, r.units]));
    const books = await balancesAndLedgerSums(
      club,
      crowd.map((m) => m.id),
    );
    expect(books).toHaveLength(50);
    for (const book of books) {
      expect(book.points).toBe(book.ledgerSum);
      expect(book.points).toBe(cost * attemptsEach - cost * (unitsByMember.get(book.memberId) ?? 0));
      expect(book.points).toBeGreaterThanOrEqual(0);
    }
    const holdings: Array<{ member_id: unknown; units: unknown }> = await db.query(
      'SELECT member_id, units FROM reward_holdings WHERE reward_id = ?',
      [gift.id],
    );
    for (const h of holdings) expect(Number(h.units)).toBe(unitsByMember.get(String(h.member_id)) ?? 0);
  });

  it('a member firing 20 redemptions at once with points for exactly 3 gets exactly 3', async () => {
    const [member] = await members(1, 300);
    const gift = await createReward(club.request, managerToken, {
      pointsCost: 100,
      stock: 100,
      perMemberLimit: 50,
    });

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fire(member.accessToken, gift.id, 1, unique('k-'))),
    );

    expect(tally(answers)).toEqual({ '201': 3, '409 POINTS_INSUFFICIENT': 17 });
    // Refused by the rule or by the conditional debit, the answer reads the same.
    const refusals = answers.filter((a) => a.status === 409).map((a) => a.body.error);
    expect(refusals.every((e) => JSON.stringify(e?.details) === '{"reason":"POINTS_INSUFFICIENT"}')).toBe(
      true,
    );
    expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
      { memberId: member.id, points: 0, ledgerSum: 0 },
    ]);
    expect(await stockLeft(gift.id)).toBe(97);
    expect(await liveRedemptions(gift.id)).toEqual([{ member_id: member.id, units: 3 }]);
  });

  it('20 at once against a per-member limit of 2 (points for all): exactly 2', async () => {
    const [member] = await members(1, 10_000);
    const gift = await createReward(club.request, managerToken, {
      pointsCost: 100,
      stock: 100,
      perMemberLimit: 2,
    });

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fire(member.accessToken, gift.id, 1, unique('k-'))),
    );

    expect(tally(answers)).toEqual({ '201': 2, '409 LIMIT_REACHED': 18 });
    expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
      { memberId: member.id, points: 9_800, ledgerSum: 9_800 },
    ]);
    expect(await stockLeft(gift.id)).toBe(98);
  });

  it('the same Idempotency-Key 20 times at once makes one redemption, every answer its body', async () => {
    const [member] = await members(1, 1_000);
    const gift = await createReward(club.request, managerToken, {
      pointsCost: 100,
      stock: 100,
      perMemberLimit: 50,
    });
    const key = unique('same-');

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fire(member.accessToken, gift.id, 2, key)),
    );

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body)));
    expect(bodies.size).toBe(1);
    expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
      { memberId: member.id, points: 800, ledgerSum: 800 },
    ]);
    expect(await liveRedemptions(gift.id)).toEqual([{ member_id: member.id, units: 2 }]);
  });

  it('cancelling one redemption 10 times at once refunds it once', async () => {
    const [member] = await members(1, 500);
    const gift = await createReward(club.request, managerToken, { pointsCost: 200, stock: 10 });
    const made = await fire(member.accessToken, gift.id, 1, unique('k-'));
    expect(made.status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${club.baseUrl}${API}/redemptions/${made.body.id}/cancellation`, {
          method: 'POST',
          headers: { authorization: `Bearer ${member.accessToken}` },
        }).then(async (res) => ({
          status: res.status,
          body: (await res.json()) as { status: string; pointsReturned: number },
        })),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.every((a) => a.body.status === 'cancelled' && a.body.pointsReturned === 200)).toBe(true);
    expect(await balancesAndLedgerSums(club, [member.id])).toEqual([
      { memberId: member.id, points: 500, ledgerSum: 500 },
    ]);
    expect(await stockLeft(gift.id)).toBe(10);
  });
});
