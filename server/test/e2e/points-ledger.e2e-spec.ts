// The ledger service on MariaDB under truly concurrent transactions (members made through HTTP).
import { ErrorCode, type PointsSummary } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { PointsLedgerService } from '../../src/modules/points/points-ledger.service';
import { API, bearer, joinMember } from '../factories/club.factory';
import { expectBalancesMatchLedger } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 86_400_000;

describe('points ledger on MySQL', () => {
  let club: TestApp;
  let ledger: PointsLedgerService;
  let ds: DataSource;

  beforeAll(async () => {
    club = await startTestApp();
    ledger = club.app.get(PointsLedgerService);
    ds = club.app.get(DataSource);
  });
  afterAll(async () => {
    await club?.close();
  });

  async function balanceAndSum(memberId: string): Promise<{ points: number; sum: number; entries: number }> {
    const rows: Array<{ points: string; sum: string | null; entries: string }> = await ds.query(
      'SELECT m.points AS points, (SELECT SUM(l.delta) FROM points_ledger l WHERE l.member_id = m.id) AS sum, ' +
        '(SELECT COUNT(*) FROM points_ledger l WHERE l.member_id = m.id) AS entries FROM members m WHERE m.id = ?',
      [memberId],
    );
    return {
      points: Number(rows[0].points),
      sum: Number(rows[0].sum ?? 0),
      entries: Number(rows[0].entries),
    };
  }

  it('applies 20 simultaneous credits with the same (kind, ref) once, each answered with that entry', async () => {
    const member = await joinMember(club.request);
    const at = new Date();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ds.transaction((em) =>
          ledger.credit(em, { memberId: member.id, points: 250, kind: 'earn', ref: `same:${member.id}`, at }),
        ),
      ),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.every((a) => a.balanceAfter === 250 && a.delta === 250)).toBe(true);
    expect(await balanceAndSum(member.id)).toEqual({ points: 250, sum: 250, entries: 1 });
  });

  it('lets 20 simultaneous spends of 100 against 300 points through exactly 3 times', async () => {
    const member = await joinMember(club.request);
    await ds.transaction((em) =>
      ledger.credit(em, {
        memberId: member.id,
        points: 300,
        kind: 'earn',
        ref: `seed:${member.id}`,
        at: new Date(),
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction((em) =>
          ledger.debit(em, {
            memberId: member.id,
            points: 100,
            kind: 'redeem',
            ref: `spend:${member.id}:${i}`,
            at: new Date(),
            allowNegative: false,
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(3);
    expect(refused.every((r) => (r.reason as { code?: string }).code === ErrorCode.POINTS_INSUFFICIENT)).toBe(
      true,
    );
    expect(await balanceAndSum(member.id)).toEqual({ points: 0, sum: 0, entries: 4 });
    const lots: Array<{ remaining: string }> = await ds.query(
      'SELECT remaining FROM points_lots WHERE member_id = ?',
      [member.id],
    );
    expect(lots.map((l) => Number(l.remaining))).toEqual([0]);
  });

  // Two reversals of one member's points at once (two refunds of two of her purchases, or a refund and
  // the referral reversal it brings): the second queues on her balance row, but its transaction has
  // already read other rows (a refund reads its purchase first), and under REPEATABLE READ a plain read
  // of her lots would then see them as they were before the first committed. What it took twice from
  // one lot would stay in a later one, shown as expiring and taken from her when that lot expires.
  it('draws on what a lot holds now, not on what an earlier read of the transaction saw', async () => {
    const member = await joinMember(club.request);
    const credit = (points: number, kind: 'earn' | 'adjust', ref: string, daysAgo: number) =>
      ds.transaction((em) =>
        ledger.credit(em, {
          memberId: member.id,
          points,
          kind,
          ref: `${ref}:${member.id}`,
          at: new Date(Date.now() - daysAgo * DAY),
        }),
      );
    // 100 that never expire, and three purchases' 100 each, about a month apart: spent in that order.
    await credit(100, 'adjust', 'kept', 0);
    const first = await credit(100, 'earn', 'first', 95);
    const second = await credit(100, 'earn', 'second', 65);
    await credit(100, 'earn', 'third', 35);
    const reverse = (em: DataSource['manager'], points: number, ref: string, fromEarningEntryId: string) =>
      ledger.debit(em, {
        memberId: member.id,
        points,
        kind: 'refund_reversal',
        ref: `${ref}:${member.id}`,
        at: new Date(),
        allowNegative: true,
        fromEarningEntryId,
      });

    const late = ds.createQueryRunner();
    await late.connect();
    try {
      await late.startTransaction();
      // What the refund reads before it reaches her points: here the transaction's view is fixed.
      await late.manager.query('SELECT COUNT(*) AS n FROM points_lots WHERE member_id = ?', [member.id]);
      // The first reversal: 150 points, the first purchase's 100, then 50 of the second's.
      await ds.transaction((em) => reverse(em, 150, 'refund-first', first.id));
      // The second: the second purchase's 100, of which only 50 are left, so 50 come from the third.
      await reverse(late.manager, 100, 'refund-second', second.id);
      await late.commitTransaction();
    } catch (err) {
      if (late.isTransactionActive) await late.rollbackTransaction();
      throw err;
    } finally {
      await late.release();
    }

    const lots = (await ds.query(
      'SELECT remaining FROM points_lots WHERE member_id = ? ORDER BY expires_at, id',
      [member.id],
    )) as Array<{ remaining: string | number }>;
    expect(lots.map((l) => Number(l.remaining))).toEqual([0, 0, 50]);
    const summary = (
      await club.request.get(`${API}/me/points/summary`).set(bearer(member.accessToken)).expect(200)
    ).body as PointsSummary;
    // 100 kept and 50 of the third purchase: only those 50 are due to expire.
    expect(summary.balance).toBe(150);
    expect(summary.expiringNext?.points).toBe(50);
    await expectBalancesMatchLedger(ds, [member.id]);
  });
});
