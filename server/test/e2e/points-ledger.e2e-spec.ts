// The ledger service on MariaDB under truly concurrent transactions (members made through HTTP).
import { ErrorCode } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { PointsLedgerService } from '../../src/modules/points/points-ledger.service';
import { joinMember } from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

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
});
