// A referral reversal takes back the cancelled bonus from that bonus's own points lot, on MariaDB.
// Both members hold older points of their own, expiring sooner than the bonus: spent soonest-expiring
// first, the reversal used to empty those instead, so the member's own points vanished early while the
// cancelled bonus lived on for 24 months and then showed up as points expired. Now her own points keep
// their date and the bonus's expiry takes nothing.
import type { PointsSummary } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { PointsJobsService } from '../../src/modules/points/points-jobs.service';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
  type StoreAndClerk,
  unique,
  uniquePhone,
} from '../factories/club.factory';
import { expectBalancesMatchLedger, purchaseBody, recordPurchase } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 86_400_000;

describe('referral reversal: from the bonus lot', () => {
  let club: TestApp;
  let ds: DataSource;
  let shop: StoreAndClerk;
  let managerToken: string;

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  const join = (referralCode?: string) =>
    joinMember(club.request, {
      phoneCode: `sandbox:${uniquePhone()}`,
      ...(referralCode === undefined ? {} : { referralCode }),
    });
  const buy = (member: JoinedMember, amount: number, occurredAt = new Date()) =>
    recordPurchase(
      club.request,
      shop.clerkToken,
      purchaseBody(
        shop.store.id,
        { memberId: member.id },
        { amount, orderNo: unique('ORD-'), occurredAt: occurredAt.toISOString() },
      ),
    );
  const summary = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me/points/summary`).set(bearer(member.accessToken)).expect(200))
      .body as PointsSummary;
  /** The lot of the member's ledger entry with this ref (the first earning when none is named). */
  const lotOf = async (memberId: string, ref?: string): Promise<{ expiresAt: Date; remaining: number }> => {
    const [row] = (await ds.query(
      `SELECT l.expires_at AS expires_at, l.remaining AS remaining
         FROM points_lots l JOIN points_ledger e ON e.id = l.ledger_entry_id
        WHERE l.member_id = ? AND ${ref === undefined ? "e.kind = 'earn'" : 'e.ref = ?'}
        ORDER BY l.id LIMIT 1`,
      ref === undefined ? [memberId] : [memberId, ref],
    )) as Array<{ expires_at: Date; remaining: string | number }>;
    return { expiresAt: new Date(row!.expires_at), remaining: Number(row!.remaining) };
  };
  const referralIdOf = async (friend: JoinedMember): Promise<string> =>
    String((await ds.query('SELECT id FROM referrals WHERE referred_id = ?', [friend.id]))[0].id);
  /** Refunds the whole purchase: below the referral's minimum, so both rewards are taken back. */
  const refundAll = (purchaseId: string, amount: number) =>
    club.request
      .post(`${API}/purchases/${purchaseId}/refunds`)
      .set(bearer(shop.clerkToken))
      .send({ amount, reason: '顾客退货' })
      .expect(201);
  const expired = async (memberId: string) =>
    (
      (await ds.query("SELECT delta FROM points_ledger WHERE member_id = ? AND kind = 'expire' ORDER BY id", [
        memberId,
      ])) as Array<{ delta: string | number }>
    ).map((r) => Number(r.delta));

  it("empties the bonus's own lot, so her own points keep their date and the bonus's expiry takes nothing", async () => {
    const jobs = club.app.get(PointsJobsService);
    const referrer = await join();
    const friend = await join(referrer.referralCode);
    // Points of their own from two months back: past the return window, expiring a month or more
    // before anything earned today.
    const earlier = new Date(Date.now() - 60 * DAY);
    const referrerOwn = (await buy(referrer, 100_000, earlier)).pointsEarned;
    const friendOwn = (await buy(friend, 20_000, earlier)).pointsEarned;
    const qualifying = await buy(friend, 150_000);
    const referralId = await referralIdOf(friend);
    const ownExpiry = (await lotOf(referrer.id)).expiresAt;
    const bonusExpiry = (await lotOf(referrer.id, `referral:${referralId}:referrer`)).expiresAt;
    expect(bonusExpiry.getTime()).toBeGreaterThan(ownExpiry.getTime());
    expect((await lotOf(friend.id, `referral:${referralId}:referred`)).expiresAt).toEqual(bonusExpiry);
    expect((await summary(referrer)).balance).toBe(referrerOwn + 500);
    expect((await summary(friend)).balance).toBe(friendOwn + qualifying.pointsEarned + 200);

    await refundAll(qualifying.purchase.id, 150_000);

    // What each has left is their own points, still due to expire on their own date, in full.
    expect(await summary(referrer)).toMatchObject({
      balance: referrerOwn,
      expiringNext: { points: referrerOwn, expiresAt: ownExpiry.toISOString() },
    });
    expect(await summary(friend)).toMatchObject({
      balance: friendOwn,
      expiringNext: { points: friendOwn, expiresAt: ownExpiry.toISOString() },
    });

    // Their own points go on their date; at the bonuses' date nothing more goes.
    await jobs.run('points-expiry', new Date(ownExpiry.getTime() + DAY));
    expect(await expired(referrer.id)).toEqual([-referrerOwn]);
    expect(await expired(friend.id)).toEqual([-friendOwn]);
    await jobs.run('points-expiry', new Date(bonusExpiry.getTime() + DAY));
    expect(await expired(referrer.id)).toEqual([-referrerOwn]);
    expect(await expired(friend.id)).toEqual([-friendOwn]);
    expect((await summary(referrer)).balance).toBe(0);
    expect((await summary(friend)).balance).toBe(0);
    await expectBalancesMatchLedger(ds, [referrer.id, friend.id]);
  });

  it('takes what is left of a partly spent bonus, then the rest in the usual order', async () => {
    const referrer = await join();
    const friend = await join(referrer.referralCode);
    const own = (await buy(referrer, 100_000, new Date(Date.now() - 60 * DAY))).pointsEarned;
    const qualifying = await buy(friend, 150_000);
    // Spending goes soonest-expiring first: all of her own points, then 300 of the bonus's 500.
    await club.request
      .post(`${API}/members/${referrer.id}/points/adjustments`)
      .set(bearer(managerToken))
      .send({ delta: -(own + 300), reason: '线下兑换' })
      .expect(201);
    // Points earned today (the club's rules keep no return window here: spendable at once).
    const fresh = (await buy(referrer, 50_000)).pointsEarned;
    expect((await summary(referrer)).balance).toBe(200 + fresh);

    await refundAll(qualifying.purchase.id, 150_000);

    // 200 from the bonus, the other 300 from today's points, which keep their own date.
    expect(await summary(referrer)).toMatchObject({
      balance: fresh - 300,
      expiringNext: { points: fresh - 300 },
    });
    expect((await lotOf(referrer.id, `referral:${await referralIdOf(friend)}:referrer`)).remaining).toBe(0);
    await expectBalancesMatchLedger(ds, [referrer.id, friend.id]);
  });
});
