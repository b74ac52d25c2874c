// The `birthdays` job on MariaDB: the tier's gift once a club year (points or a voucher, stock
// permitting), only for birthdays on file for the guard, the greeting on the day (29 February on 28
// February of a common year), and two servers running it at the same moment paying each gift once.
import { type BirthdayGiftSettings, type InboxItem, zonedDateParts } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { BirthdaysJobService } from '../../src/modules/birthdays/birthdays-job.service';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import { RedemptionsService } from '../../src/modules/rewards/redemptions.service';
import { API, bearer, fieldsOf, joinMember, loginManager } from '../factories/club.factory';
import { createBulkMembers } from '../factories/members-bulk.factory';
import { createReward } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

jest.setTimeout(60_000);

const TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const NONE = { friend: null, silver: null, gold: null, diamond: null };
const pad = (n: number) => String(n).padStart(2, '0');

describe('birthdays job', () => {
  let club: TestApp;
  let managerToken: string;
  let ds: DataSource;

  beforeAll(async () => {
    club = await startTestApp({ env: { CLUB_TIMEZONE: TZ } });
    managerToken = (await loginManager(club.request)).accessToken;
    ds = club.app.get(DataSource);
  });

  afterAll(async () => {
    await club?.close();
  });

  const putGifts = (body: BirthdayGiftSettings) =>
    club.request.put(`${API}/birthday-gifts`).set(bearer(managerToken)).send(body);

  /** A member born on `birthday`, whose birthday went on file at `setAt`. */
  async function memberBorn(birthday: string, setAt: Date, tier = 'friend') {
    const m = await joinMember(club.request, { birthday });
    await ds.query('UPDATE members SET birthday_set_at = ?, tier = ? WHERE id = ?', [setAt, tier, m.id]);
    return m;
  }

  const bonusRefs = async (memberId: string): Promise<string[]> =>
    (
      await ds.query("SELECT ref FROM points_ledger WHERE member_id = ? AND kind = 'bonus' ORDER BY id", [
        memberId,
      ])
    ).map((r: { ref: string }) => r.ref);

  const greetingRefs = async (memberIds: string[]): Promise<string[]> =>
    (
      await ds.query(
        `SELECT ref FROM message_outbox WHERE topic = 'birthday_greeting' AND channel = 'inbox' AND member_id IN (${memberIds.map(() => '?').join(', ')}) ORDER BY ref`,
        memberIds,
      )
    ).map((r: { ref: string }) => r.ref);

  const job = () => club.app.get(BirthdaysJobService);

  it('lets managers set the gift per tier, a reward only when it is a voucher', async () => {
    const start = await club.request.get(`${API}/birthday-gifts`).set(bearer(managerToken)).expect(200);
    expect(start.body).toEqual({ gifts: NONE, guardDays: 30 });
    const gift = await createReward(club.request, managerToken, { kind: 'gift' });
    const bad = await putGifts({
      gifts: { ...NONE, gold: { kind: 'reward', rewardId: gift.id } },
      guardDays: 30,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['gifts.gold.rewardId']);
    const malformed = await putGifts({
      gifts: { ...NONE, gold: { kind: 'points', points: 0 } },
      guardDays: 30,
    });
    expect(malformed.status).toBe(400);
    const member = await joinMember(club.request);
    await club.request.get(`${API}/birthday-gifts`).set(bearer(member.accessToken)).expect(403);
  });

  it('gives the gift once a year however often it runs, and greets on the day', async () => {
    await putGifts({ gifts: { ...NONE, friend: { kind: 'points', points: 88 } }, guardDays: 30 }).expect(200);
    const today = zonedDateParts(new Date(), TZ);
    const ann = await memberBorn(
      `1990-${pad(today.month)}-${pad(today.day)}`,
      new Date(Date.now() - 60 * DAY_MS),
    );

    const first = await club.request.post(`${API}/jobs/birthdays/runs`).set(bearer(managerToken)).send();
    expect(first.status).toBe(201);
    const second = await club.request.post(`${API}/jobs/birthdays/runs`).set(bearer(managerToken)).send();
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ points: 0, vouchers: 0 });
    expect(await bonusRefs(ann.id)).toEqual([`birthday:${today.year}:${ann.id}`]);

    await club.app.get(OutboxService).dispatchAll();
    const inbox = await club.request
      .get(`${API}/me/inbox?limit=100`)
      .set(bearer(ann.accessToken))
      .expect(200);
    const kinds = (inbox.body.items as InboxItem[]).map((n) => n.kind).sort();
    expect(kinds).toEqual(['birthday_gift', 'birthday_greeting']);
    const me = await club.request.get(`${API}/me`).set(bearer(ann.accessToken)).expect(200);
    expect(me.body.points).toBe(88);

    // The next club year's month pays again, once.
    const nextYear = new Date(Date.UTC(today.year + 1, today.month - 1, 1, 4));
    await job().run(nextYear);
    await job().run(nextYear);
    expect(await bonusRefs(ann.id)).toEqual([
      `birthday:${today.year}:${ann.id}`,
      `birthday:${today.year + 1}:${ann.id}`,
    ]);
  });

  it('greets a 29 February birthday on 28 February of a common year, and on the 29th in a leap year', async () => {
    const longAgo = new Date(Date.now() - 400 * DAY_MS);
    const leap = await memberBorn('2000-02-29', longAgo);
    const feb28 = await memberBorn('1995-02-28', longAgo);
    const mar1 = await memberBorn('03-01', longAgo);
    const ids = [leap.id, feb28.id, mar1.id];

    await job().run(new Date('2027-02-28T04:00:00Z'));
    expect(await greetingRefs(ids)).toEqual(
      [`birthday-greeting:2027:${leap.id}`, `birthday-greeting:2027:${feb28.id}`].sort(),
    );
    await job().run(new Date('2027-03-01T04:00:00Z'));
    expect(await greetingRefs([mar1.id])).toEqual([`birthday-greeting:2027:${mar1.id}`]);

    await job().run(new Date('2028-02-28T04:00:00Z'));
    expect(await greetingRefs([leap.id])).toEqual([`birthday-greeting:2027:${leap.id}`]);
    await job().run(new Date('2028-02-29T04:00:00Z'));
    expect(await greetingRefs([leap.id])).toEqual([
      `birthday-greeting:2027:${leap.id}`,
      `birthday-greeting:2028:${leap.id}`,
    ]);
  });

  it('gives nothing for a birthday set within the guard, and the gift once it has been on file long enough', async () => {
    await putGifts({ gifts: { ...NONE, friend: { kind: 'points', points: 66 } }, guardDays: 30 }).expect(200);
    const now = new Date('2029-07-20T04:00:00Z');
    const tenDays = await memberBorn('1988-07-25', new Date(now.getTime() - 10 * DAY_MS));
    const almost = await memberBorn('1988-07-27', new Date(now.getTime() - 25 * DAY_MS));
    const settled = await memberBorn('1988-07-26', new Date(now.getTime() - 31 * DAY_MS));
    await job().run(now);
    expect(await bonusRefs(tenDays.id)).toEqual([]);
    expect(await bonusRefs(almost.id)).toEqual([]);
    expect(await bonusRefs(settled.id)).toEqual([`birthday:2029:${settled.id}`]);
    // On 31 July the 25-day one has been on file 36 days and gets the gift; the 10-day one (21) still not.
    await job().run(new Date('2029-07-31T04:00:00Z'));
    expect(await bonusRefs(almost.id)).toEqual([`birthday:2029:${almost.id}`]);
    expect(await bonusRefs(tenDays.id)).toEqual([]);
  });

  it('gives each tier its own gift: points, or a voucher while stock lasts', async () => {
    const voucher = await createReward(club.request, managerToken, {
      kind: 'voucher',
      stock: 1,
      availableTo: '2040-01-01T00:00:00.000Z',
    });
    await putGifts({
      gifts: {
        ...NONE,
        friend: { kind: 'points', points: 50 },
        silver: { kind: 'reward', rewardId: voucher.id },
      },
      guardDays: 30,
    }).expect(200);
    const setAt = new Date(Date.now() - 60 * DAY_MS);
    const friend = await memberBorn('1991-10-03', setAt);
    const silverA = await memberBorn('1992-10-04', setAt, 'silver');
    const silverB = await memberBorn('1993-10-05', setAt, 'silver');
    const gold = await memberBorn('1994-10-06', setAt, 'gold');

    const now = new Date('2030-10-02T04:00:00Z');
    await job().run(now);
    await job().run(now);

    expect(await bonusRefs(friend.id)).toEqual([`birthday:2030:${friend.id}`]);
    const redemptions: Array<{ member_id: unknown; points_spent: unknown; status: string }> = await ds.query(
      'SELECT member_id, points_spent, status FROM redemptions WHERE reward_id = ?',
      [voucher.id],
    );
    expect(redemptions).toHaveLength(1);
    expect(Number(redemptions[0].points_spent)).toBe(0);
    expect(redemptions[0].status).toBe('awaiting_pickup');
    const outcomes: Array<{ member_id: unknown; outcome: string }> = await ds.query(
      'SELECT member_id, outcome FROM birthday_gifts WHERE year = 2030 AND member_id IN (?, ?, ?)',
      [silverA.id, silverB.id, gold.id],
    );
    // Members are paid in id order: the first silver gets the one voucher, the second finds none left.
    expect(Object.fromEntries(outcomes.map((o) => [String(o.member_id), o.outcome]))).toEqual({
      [silverA.id]: 'voucher',
      [silverB.id]: 'out_of_stock',
    });
    expect(String(redemptions[0].member_id)).toBe(silverA.id);
    const [{ stock_left }] = await ds.query('SELECT stock_left FROM rewards WHERE id = ?', [voucher.id]);
    expect(Number(stock_left)).toBe(0);
  });

  it('lets a free birthday voucher be cancelled or returned at the end like any redemption', async () => {
    const voucher = await createReward(club.request, managerToken, {
      kind: 'voucher',
      stock: 5,
      availableTo: '2040-01-01T00:00:00.000Z',
    });
    await putGifts({
      gifts: { ...NONE, gold: { kind: 'reward', rewardId: voucher.id } },
      guardDays: 30,
    }).expect(200);
    const setAt = new Date(Date.now() - 60 * DAY_MS);
    const cancelled = await memberBorn('1991-04-03', setAt, 'gold');
    const kept = await memberBorn('1992-04-04', setAt, 'gold');
    await job().run(new Date('2032-04-02T04:00:00Z'));
    const ids = async (memberId: string) =>
      (
        await ds.query('SELECT id FROM redemptions WHERE reward_id = ? AND member_id = ?', [
          voucher.id,
          memberId,
        ])
      ).map((r: { id: unknown }) => String(r.id));
    const [cancelledId] = await ids(cancelled.id);
    const res = await club.request
      .post(`${API}/redemptions/${cancelledId}/cancellation`)
      .set(bearer(managerToken))
      .send();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', pointsReturned: 0, balance: 0 });

    // After the reward ends, the one never picked up returns to stock with the expiry job.
    const returned = await club.app.get(RedemptionsService).returnExpired(new Date('2040-01-02T00:00:00Z'));
    expect(returned.effects.returned).toBeGreaterThanOrEqual(1);
    const [keptId] = await ids(kept.id);
    const [row] = await ds.query('SELECT status FROM redemptions WHERE id = ?', [keptId]);
    expect(row.status).toBe('returned');
    const [{ stock_left }] = await ds.query('SELECT stock_left FROM rewards WHERE id = ?', [voucher.id]);
    expect(Number(stock_left)).toBe(5);
  });

  it('pays each gift once when two servers run the job at the same moment on one database', async () => {
    const other = await startTestApp({ env: { CLUB_TIMEZONE: TZ, DATABASE_URL: club.dbUrl } });
    try {
      const voucher = await createReward(club.request, managerToken, {
        kind: 'voucher',
        stock: 150,
        availableTo: '2040-01-01T00:00:00.000Z',
      });
      await putGifts({
        gifts: {
          ...NONE,
          friend: { kind: 'points', points: 20 },
          silver: { kind: 'reward', rewardId: voucher.id },
        },
        guardDays: 30,
      }).expect(200);
      const friends = await createBulkMembers(club, 1200, { tier: 'friend' });
      const silvers = await createBulkMembers(club, 300, { tier: 'silver' });
      const all = [...friends, ...silvers].map((m) => m.id);
      // Spread over the days of September, some of them on the day of the run (the 12th).
      await ds.query(
        `UPDATE members SET birth_month = 9, birth_day = 1 + (id % 30), birth_md = 901 + (id % 30), birthday_set_at = ? WHERE id IN (${all.map(() => '?').join(', ')})`,
        [new Date(Date.now() - 90 * DAY_MS), ...all],
      );
      const now = new Date('2031-09-12T04:00:00Z');
      const [a, b] = await Promise.all([job().run(now), other.app.get(BirthdaysJobService).run(now)]);
      const ra = a.result as { points: number; vouchers: number; outOfStock: number };
      const rb = b.result as { points: number; vouchers: number; outOfStock: number };
      expect(ra.points + rb.points).toBe(1200);
      expect(ra.vouchers + rb.vouchers).toBe(150);
      expect(ra.outOfStock + rb.outOfStock).toBe(150);

      const idList = all.map(() => '?').join(', ');
      const [{ n: gifts }] = await ds.query(
        `SELECT COUNT(*) AS n FROM birthday_gifts WHERE year = 2031 AND member_id IN (${idList})`,
        all,
      );
      expect(Number(gifts)).toBe(1500);
      const ledger: Array<{ member_id: unknown; n: unknown; total: unknown }> = await ds.query(
        `SELECT member_id, COUNT(*) AS n, SUM(delta) AS total FROM points_ledger WHERE kind = 'bonus' AND member_id IN (${idList}) GROUP BY member_id`,
        all,
      );
      expect(ledger).toHaveLength(1200);
      expect(ledger.every((r) => Number(r.n) === 1 && Number(r.total) === 20)).toBe(true);
      const [{ n: redeemed, members }] = await ds.query(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS members FROM redemptions WHERE reward_id = ?',
        [voucher.id],
      );
      expect([Number(redeemed), Number(members)]).toEqual([150, 150]);
      const [{ stock_left }] = await ds.query('SELECT stock_left FROM rewards WHERE id = ?', [voucher.id]);
      expect(Number(stock_left)).toBe(0);
      // One inbox row and one platform row (skipped here: nobody subscribed) per member greeted.
      const greetings = await ds.query(
        `SELECT channel, COUNT(*) AS n, COUNT(DISTINCT member_id) AS members FROM message_outbox
         WHERE topic = 'birthday_greeting' AND member_id IN (${idList}) GROUP BY channel ORDER BY channel`,
        all,
      );
      const greeted = all.filter((id) => Number(id) % 30 === 11).length;
      expect(
        greetings.map((r: Record<string, unknown>) => [r.channel, Number(r.n), Number(r.members)]),
      ).toEqual([
        ['inbox', greeted, greeted],
        ['platform', greeted, greeted],
      ]);
    } finally {
      await other.close();
    }
  });
});
