// The points jobs (expiry with its month-ahead notice, the yearly tier review) and the inbox, on MariaDB.
// Each job runs once per period, so every scenario is set up first, then each job runs once (and again).
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import {
  expectBalancesMatchLedger,
  joinMemberBornIn,
  purchaseBody,
  recordPurchase,
} from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Noon on the 2nd of the club month `monthsAgo` months before this one (Asia/Shanghai). */
function clubMonthDay2(monthsAgo: number): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
  })
    .formatToParts(new Date())
    .reduce<Record<string, number>>(
      (acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }),
      {},
    );
  const index = parts.year * 12 + (parts.month - 1) - monthsAgo;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-02T12:00:00+08:00`;
}

describe('points jobs', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  const members: string[] = [];

  async function newMember(): Promise<JoinedMember> {
    const member = await joinMemberBornIn(club.request);
    members.push(member.id);
    return member;
  }

  async function buy(member: JoinedMember, amount: number, occurredAt = new Date().toISOString()) {
    return recordPurchase(
      club.request,
      shop.clerkToken,
      purchaseBody(shop.store.id, { memberId: member.id }, { amount, occurredAt }),
    );
  }

  const me = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200)).body;
  const ledgerOf = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me/points?limit=100`).set(bearer(member.accessToken)).expect(200)).body
      .items as Array<{
      kind: string;
      delta: number;
      ref: string;
    }>;
  const inboxOf = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200)).body;
  const runJob = (name: string, token = managerToken) =>
    club.request.post(`${API}/jobs/${name}/runs`).set(bearer(token));

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    if (members.length > 0 && club) await expectBalancesMatchLedger(ds, members);
    await club?.close();
  });

  describe('points-expiry', () => {
    let expired: JoinedMember;
    let partlySpent: JoinedMember;
    let expiringSoon: JoinedMember;

    beforeAll(async () => {
      expired = await newMember();
      await buy(expired, 100_000, clubMonthDay2(36));
      await buy(expired, 50_000);
      partlySpent = await newMember();
      await buy(partlySpent, 100_000, clubMonthDay2(30));
      await club.request
        .post(`${API}/members/${partlySpent.id}/points/adjustments`)
        .set(bearer(managerToken))
        .send({ delta: -400, reason: '线下兑换' })
        .expect(201);
      expiringSoon = await newMember();
      await buy(expiringSoon, 70_000, clubMonthDay2(24));
    });

    it('expires what is left of earnings past their date, once per member and day, and warns a month ahead', async () => {
      const first = await runJob('points-expiry').expect(201);
      expect(first.body).toEqual({
        job: 'points-expiry',
        period: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        ranAt: expect.any(String),
        effects: { members: 2, pointsExpired: 1600, noticesSent: 1 },
      });
      expect((await me(expired)).points).toBe(500);
      expect((await ledgerOf(expired))[0]).toMatchObject({
        kind: 'expire',
        delta: -1000,
        ref: `expire:${expired.id}:${first.body.period}`,
      });
      // The spending drew on the soonest-expiring earning first, so only its remainder expires.
      expect((await me(partlySpent)).points).toBe(0);
      expect((await me(expiringSoon)).points).toBe(700);

      const inbox = await inboxOf(expiringSoon);
      expect(inbox.items).toEqual([
        {
          id: expect.stringMatching(/^\d+$/),
          kind: 'points_expiring',
          title: expect.any(String),
          body: expect.stringContaining('700'),
          data: { points: 700, expiresAt: expect.any(String) },
          createdAt: expect.any(String),
        },
      ]);
      const summary = await club.request
        .get(`${API}/me/points/summary`)
        .set(bearer(expiringSoon.accessToken))
        .expect(200);
      expect(summary.body.expiringNext).toEqual({ points: 700, expiresAt: inbox.items[0].data.expiresAt });
      expect((await inboxOf(expired)).items).toEqual([]);

      const again = await runJob('points-expiry').expect(200);
      expect(again.body).toEqual(first.body);
      expect((await me(expired)).points).toBe(500);
      expect((await ledgerOf(expired)).filter((e) => e.kind === 'expire')).toHaveLength(1);
      expect((await inboxOf(expiringSoon)).items).toHaveLength(1);
      const [left]: Array<{ remaining: string | number }> = await ds.query(
        'SELECT COALESCE(SUM(remaining), 0) AS remaining FROM points_lots WHERE expires_at <= ?',
        [new Date()],
      );
      expect(Number(left.remaining)).toBe(0);
    });
  });

  describe('tier-review', () => {
    it('sets each tier from the net spend of the window, at most one tier down, with a notice; once a year', async () => {
      const fellFromGold = await newMember();
      const gold = await buy(fellFromGold, 1_000_000);
      expect(gold.tier).toBe('gold');
      await club.request
        .post(`${API}/purchases/${gold.purchase.id}/refunds`)
        .set(bearer(shop.clerkToken))
        .send({ amount: 1_000_000, reason: '整单退货' })
        .expect(201);
      const keepsSilver = await newMember();
      await buy(keepsSilver, 300_000);
      const oldSpender = await newMember();
      await buy(oldSpender, 400_000, clubMonthDay2(14));
      await buy(oldSpender, 20_000);
      expect((await me(oldSpender)).tier).toBe('silver');

      const first = await runJob('tier-review').expect(201);
      expect(first.body).toMatchObject({ job: 'tier-review', period: expect.stringMatching(/^\d{4}$/) });
      expect(first.body.effects.downgraded).toBe(2);

      expect(await me(fellFromGold)).toMatchObject({ tier: 'silver', card: { qualifyingSpend: 0 } });
      const notice = (await inboxOf(fellFromGold)).items[0];
      expect(notice).toMatchObject({ kind: 'tier_changed', data: { from: 'gold', to: 'silver' } });
      expect((await inboxOf(keepsSilver)).items).toEqual([]);
      expect((await me(keepsSilver)).tier).toBe('silver');
      expect(await me(oldSpender)).toMatchObject({ tier: 'friend', card: { qualifyingSpend: 20_000 } });

      const again = await runJob('tier-review').expect(200);
      expect(again.body).toEqual(first.body);
      expect((await me(fellFromGold)).tier).toBe('silver');
      expect((await inboxOf(fellFromGold)).items).toHaveLength(1);
    });
  });

  it('is for managers only, for the jobs that exist', async () => {
    await runJob('points-expiry', shop.clerkToken).expect(403);
    const unknown = await runJob('no-such-job').expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    // A job of another module goes through the same route: rewards registers redemptions-expiry.
    await runJob('redemptions-expiry').expect(200);
    await club.request.get(`${API}/jobs`).set(bearer(shop.clerkToken)).expect(403);
    const listed = await club.request.get(`${API}/jobs`).set(bearer(managerToken)).expect(200);
    expect(listed.body.items).toEqual([
      { name: 'birthdays', description: expect.any(String), schedule: 'daily, from 9:00 club time' },
      { name: 'event-reminders', description: expect.any(String), schedule: 'daily, from 10:00 club time' },
      { name: 'event-waitlist-release', description: expect.any(String), schedule: 'every 15 minutes' },
      { name: 'feedback-photos', description: expect.any(String), schedule: 'daily' },
      { name: 'follow-up-escalation', description: expect.any(String), schedule: 'at every scheduler pass' },
      { name: 'points-expiry', description: expect.any(String), schedule: 'once each club day' },
      { name: 'redemptions-expiry', description: expect.any(String), schedule: 'every 15 minutes' },
      { name: 'tier-review', description: expect.any(String), schedule: 'once each club year, in January' },
    ]);
    await runJob('Bad Name!').expect(400);
    const member = await newMember();
    await club.request.get(`${API}/me/inbox`).set(bearer(shop.clerkToken)).expect(403);
    await club.request.get(`${API}/me/inbox?limit=101`).set(bearer(member.accessToken)).expect(400);
  });
});
