// The ledger on a real embedded database (the app's own SQLite options and migrations): no mocks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AppConfig } from '../../config/app-config';
import { buildDataSourceOptions } from '../../database/data-source';
import { MemberEntity } from '../members/entities/member.entity';
import { PointsLedgerEntryEntity } from '../members/entities/points-ledger-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { ClubCalendar } from './club-calendar';
import { ClubRulesRepository } from './club-rules.repository';
import { ClubRulesService } from './club-rules.service';
import { PointsLotEntity } from './entities/points-lot.entity';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';

const T0 = new Date('2026-03-10T02:00:00.000Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

describe('PointsLedgerService (embedded SQLite)', () => {
  let dir: string;
  let ds: DataSource;
  let service: PointsLedgerService;
  let memberCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vip-club-ledger-'));
    ds = new DataSource({
      ...(await buildDataSourceOptions({ database: { kind: 'sqlite', path: join(dir, 'club.sqlite') } })),
      logging: false,
      logger: 'simple-console',
    });
    await ds.initialize();
    const config = { club: { timezone: 'Asia/Shanghai', currency: 'CNY' } } as AppConfig;
    service = new PointsLedgerService(
      ds,
      new PointsLedgerRepository(),
      new ClubRulesService(
        ds,
        config,
        new ClubRulesRepository(),
        new AuditService(ds, new AuditRepository()),
      ),
      new ClubCalendar(),
    );
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  async function newMember(): Promise<string> {
    memberCount += 1;
    const n = String(memberCount).padStart(4, '0');
    const result = await ds.getRepository(MemberEntity).insert({
      memberNo: `10000${n}`,
      name: 'Test',
      gender: 'female',
      birthYear: null,
      birthMonth: null,
      birthDay: null,
      birthMd: null,
      phone: `1390000${n}`,
      interests: [],
      occupation: null,
      storeId: null,
      clerkId: null,
      points: 0,
      tier: 'friend',
      qualifyingSpend: 0,
      referralCode: `R${n}`,
      referredByCode: null,
      consentMarketing: false,
      consentMarketingAt: null,
      joinedAt: T0,
      erasedAt: null,
    });
    return String(result.identifiers[0].id);
  }

  async function state(memberId: string) {
    const member = await ds.getRepository(MemberEntity).findOneByOrFail({ id: memberId });
    const entries = await ds
      .getRepository(PointsLedgerEntryEntity)
      .find({ where: { memberId }, order: { id: 'ASC' } });
    const lots = await ds.getRepository(PointsLotEntity).find({ where: { memberId }, order: { id: 'ASC' } });
    return {
      points: member.points,
      ledgerSum: entries.reduce((sum, e) => sum + e.delta, 0),
      entries,
      lots: lots.map((l) => ({ points: l.points, remaining: l.remaining })),
    };
  }

  const tx = <T>(work: (em: EntityManager) => Promise<T>) => ds.transaction(work);

  it('keeps the balance equal to the sum of the ledger, each entry carrying its balanceAfter', async () => {
    const m = await newMember();
    await tx((em) =>
      service.credit(em, { memberId: m, points: 500, kind: 'earn', ref: `t1:${m}:a`, at: T0 }),
    );
    await tx((em) =>
      service.credit(em, { memberId: m, points: 120, kind: 'adjust', ref: `t1:${m}:b`, at: later(1) }),
    );
    const spent = await tx((em) =>
      service.debit(em, {
        memberId: m,
        points: 300,
        kind: 'redeem',
        ref: `t1:${m}:c`,
        at: later(2),
        allowNegative: false,
      }),
    );
    expect(spent).toMatchObject({ delta: -300, kind: 'redeem', balanceAfter: 320 });
    const s = await state(m);
    expect(s.points).toBe(320);
    expect(s.ledgerSum).toBe(320);
    expect(s.entries.map((e) => e.balanceAfter)).toEqual([500, 620, 320]);
    // Only the earning is a lot; the redemption drew on it first.
    expect(s.lots).toEqual([{ points: 500, remaining: 200 }]);
  });

  it('gives an earning the expiry of the end of the 24th month after, in the club time zone', async () => {
    const m = await newMember();
    const entry = await tx((em) =>
      service.credit(em, {
        memberId: m,
        points: 10,
        kind: 'earn',
        ref: `t2:${m}`,
        at: new Date('2026-01-15T04:00:00Z'),
      }),
    );
    expect(entry.expiresAt).toBe('2028-01-31T15:59:59.999Z');
  });

  it('refuses a debit beyond the spendable balance with POINTS_INSUFFICIENT and changes nothing', async () => {
    const m = await newMember();
    await tx((em) => service.credit(em, { memberId: m, points: 100, kind: 'earn', ref: `t3:${m}`, at: T0 }));
    const before = await state(m);
    const attempt = tx((em) =>
      service.debit(em, {
        memberId: m,
        points: 101,
        kind: 'redeem',
        ref: `t3:${m}:r`,
        at: later(1),
        allowNegative: false,
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.POINTS_INSUFFICIENT });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    expect(await state(m)).toEqual(before);
  });

  it('applies the same (kind, ref) once, answering a retry with the first entry', async () => {
    const m = await newMember();
    const input = { memberId: m, points: 70, kind: 'earn' as const, ref: `t4:${m}`, at: T0 };
    const first = await tx((em) => service.credit(em, input));
    const again = await tx((em) => service.credit(em, { ...input, points: 99 }));
    expect(again).toEqual(first);
    const debit = {
      memberId: m,
      points: 20,
      kind: 'redeem' as const,
      ref: `t4:${m}:r`,
      at: later(1),
      allowNegative: false,
    };
    const spent = await tx((em) => service.debit(em, debit));
    expect(await tx((em) => service.debit(em, debit))).toEqual(spent);
    // A retry of a spend that took the last points is not refused for want of them: it gets its answer.
    const all = { ...debit, points: 50, ref: `t4:${m}:all` };
    const emptied = await tx((em) => service.debit(em, all));
    expect(await tx((em) => service.debit(em, all))).toEqual(emptied);
    const s = await state(m);
    expect(s.entries).toHaveLength(3);
    expect(s.points).toBe(0);
    expect(s.ledgerSum).toBe(0);
  });

  it('keeps pending points out of spending, while a reversal may take the balance below zero', async () => {
    const m = await newMember();
    const earning = await tx((em) =>
      service.credit(em, {
        memberId: m,
        points: 300,
        kind: 'earn',
        ref: `t5:${m}`,
        at: T0,
        availableAt: later(7),
      }),
    );
    expect(await service.balance(undefined, m, later(1))).toEqual({
      balance: 300,
      pending: 300,
      spendable: 0,
    });
    await expect(
      tx((em) =>
        service.debit(em, {
          memberId: m,
          points: 1,
          kind: 'redeem',
          ref: `t5:${m}:r`,
          at: later(1),
          allowNegative: false,
        }),
      ),
    ).rejects.toMatchObject({ code: ErrorCode.POINTS_INSUFFICIENT });
    // A refund inside the window cancels its own pending earning.
    await tx((em) =>
      service.debit(em, {
        memberId: m,
        points: 300,
        kind: 'refund_reversal',
        ref: `t5:${m}:rev`,
        at: later(2),
        allowNegative: true,
        fromEarningEntryId: earning.id,
      }),
    );
    expect(await service.balance(undefined, m, later(2))).toEqual({ balance: 0, pending: 0, spendable: 0 });
    const below = await tx((em) =>
      service.debit(em, {
        memberId: m,
        points: 40,
        kind: 'adjust',
        ref: `t5:${m}:adj`,
        at: later(3),
        allowNegative: true,
      }),
    );
    expect(below.balanceAfter).toBe(-40);
    expect(await service.spendableBalance(undefined, m, later(3))).toBe(-40);
    const s = await state(m);
    expect(s.ledgerSum).toBe(s.points);
  });

  it('spends the soonest-expiring lot first and reports what expires next', async () => {
    const m = await newMember();
    await tx((em) =>
      service.credit(em, { memberId: m, points: 100, kind: 'earn', ref: `t6:${m}:old`, at: T0 }),
    );
    await tx((em) =>
      service.credit(em, { memberId: m, points: 100, kind: 'bonus', ref: `t6:${m}:new`, at: later(60) }),
    );
    await tx((em) =>
      service.debit(em, {
        memberId: m,
        points: 130,
        kind: 'redeem',
        ref: `t6:${m}:r`,
        at: later(61),
        allowNegative: false,
      }),
    );
    expect((await state(m)).lots).toEqual([
      { points: 100, remaining: 0 },
      { points: 100, remaining: 70 },
    ]);
    const next = await service.expiringNext(undefined, m, later(61));
    expect(next).toEqual({ points: 70, expiresAt: new Date('2028-05-31T15:59:59.999Z') });
  });

  it('records the same balances where INSERT … RETURNING is missing (MySQL), reading the balance first', async () => {
    // The database's capability, not our code, is what changes here: SQLite then takes MySQL's path.
    const returning = jest.spyOn(ds.driver, 'isReturningSqlSupported').mockReturnValue(false);
    try {
      const m = await newMember();
      const earned = await tx((em) =>
        service.credit(em, { memberId: m, points: 400, kind: 'earn', ref: `t8:${m}:a`, at: T0 }),
      );
      const again = await tx((em) =>
        service.credit(em, { memberId: m, points: 400, kind: 'earn', ref: `t8:${m}:a`, at: T0 }),
      );
      const spent = await tx((em) =>
        service.debit(em, {
          memberId: m,
          points: 150,
          kind: 'redeem',
          ref: `t8:${m}:b`,
          at: later(1),
          allowNegative: false,
        }),
      );
      expect(returning).toHaveBeenCalled();
      expect(again).toEqual(earned);
      expect(spent).toMatchObject({ delta: -150, balanceAfter: 250 });
      const s = await state(m);
      expect(s.entries.map((e) => [e.id, e.balanceAfter])).toEqual([
        [earned.id, 400],
        [spent.id, 250],
      ]);
      expect(s.points).toBe(s.ledgerSum);
      expect(s.lots).toEqual([{ points: 400, remaining: 250 }]);
    } finally {
      returning.mockRestore();
    }
  });

  it('answers NOT_FOUND for a member that does not exist, writing nothing', async () => {
    await expect(
      tx((em) => service.credit(em, { memberId: '999999', points: 1, kind: 'earn', ref: 'nobody', at: T0 })),
    ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await ds.getRepository(PointsLedgerEntryEntity).countBy({ ref: 'nobody' })).toBe(0);
  });
});
