import { REFERRAL_MONTHLY_CAP, type ReferralSummary } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  uniquePhone,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import { expectBalancesMatchLedger, purchaseBody, recordPurchase } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('referrals', () => {
  let club: TestApp;
  let ds: DataSource;
  let shop: StoreAndClerk;
  const members: string[] = [];

  async function join(referralCode?: string, phone = uniquePhone(), platform: 'wechat' | 'alipay' = 'wechat') {
    const member = await joinMember(
      club.request,
      { phoneCode: `sandbox:${phone}`, ...(referralCode === undefined ? {} : { referralCode }) },
      platform,
    );
    members.push(member.id);
    return member;
  }

  async function referralOf(member: JoinedMember): Promise<ReferralSummary> {
    const res = await club.request.get(`${API}/me/referral`).set(bearer(member.accessToken)).expect(200);
    return res.body as ReferralSummary;
  }

  function buy(member: JoinedMember, amount: number) {
    return recordPurchase(club.request, shop.clerkToken, purchaseBody(shop.store.id, { memberId: member.id }, { amount }));
  }

  async function referralBonuses(memberId: string): Promise<Array<{ delta: number; ref: string }>> {
    const rows: Array<{ delta: string | number; ref: string }> = await ds.query(
      "SELECT delta, ref FROM points_ledger WHERE member_id = ? AND ref LIKE 'referral:%' ORDER BY id",
      [memberId],
    );
    return rows.map((r) => ({ delta: Number(r.delta), ref: r.ref }));
  }

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    const managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    if (members.length > 0 && club) await expectBalancesMatchLedger(ds, members);
    await club?.close();
  });

  it('binds a member who joins through a code, and a second code later does not move them', async () => {
    const referrer = await join();
    const other = await join();
    const phone = uniquePhone();
    const friend = await join(referrer.referralCode.toLowerCase(), phone);

    // The same person joining on the other platform with another member's code is the same member.
    const again = await join(other.referralCode, phone, 'alipay');
    expect(again.id).toBe(friend.id);

    const summary = await referralOf(referrer);
    expect(summary).toEqual({
      code: referrer.referralCode,
      invited: 1,
      rewarded: 0,
      referrals: [
        { name: '林**', joinedAt: friend.joinedAt, status: 'bound', refusalReason: null, pointsEarned: 0 },
      ],
    });
    expect(await referralOf(other)).toEqual({ code: other.referralCode, invited: 0, rewarded: 0, referrals: [] });
  });

  it('refuses a member bringing in themself through their own code', async () => {
    const phone = uniquePhone();
    const member = await join(undefined, phone);
    await join(member.referralCode, phone, 'alipay');
    const summary = await referralOf(member);
    expect(summary.invited).toBe(0);
    expect(summary.referrals.map((r) => [r.status, r.refusalReason])).toEqual([['refused', 'self']]);
  });

  it('refuses someone who was already a member', async () => {
    const referrer = await join();
    const phone = uniquePhone();
    await join(undefined, phone);
    await join(referrer.referralCode, phone, 'alipay');
    const summary = await referralOf(referrer);
    expect(summary.invited).toBe(0);
    expect(summary.referrals.map((r) => [r.status, r.refusalReason])).toEqual([['refused', 'already_member']]);
  });

  it('refuses a phone whose member erased themself, and pays nothing on its purchases', async () => {
    const referrer = await join();
    const phone = uniquePhone();
    const gone = await join(undefined, phone);
    await club.request.delete(`${API}/me`).set(bearer(gone.accessToken)).expect(204);
    const back = await join(referrer.referralCode, phone);
    expect(back.id).not.toBe(gone.id);
    await buy(back, 200_000);

    const summary = await referralOf(referrer);
    expect(summary.referrals.map((r) => [r.status, r.refusalReason])).toEqual([['refused', 'phone_was_member']]);
    expect(await referralBonuses(referrer.id)).toEqual([]);
    expect(await referralBonuses(back.id)).toEqual([]);
  });

  it('pays nothing for a small purchase, then both once on the first qualifying one, however many arrive at once', async () => {
    const referrer = await join();
    const friend = await join(referrer.referralCode);

    await buy(friend, 99_999);
    expect(await referralBonuses(referrer.id)).toEqual([]);
    expect((await referralOf(referrer)).referrals[0].status).toBe('bound');

    await Promise.all(Array.from({ length: 10 }, () => buy(friend, 100_000)));

    const [{ id: referralId }] = (await ds.query('SELECT id FROM referrals WHERE referred_id = ?', [friend.id])) as Array<{
      id: string | number;
    }>;
    expect(await referralBonuses(referrer.id)).toEqual([{ delta: 500, ref: `referral:${referralId}:referrer` }]);
    expect(await referralBonuses(friend.id)).toEqual([{ delta: 200, ref: `referral:${referralId}:referred` }]);
    const me = await club.request.get(`${API}/me`).set(bearer(referrer.accessToken)).expect(200);
    expect(me.body.points).toBe(500);

    const summary = await referralOf(referrer);
    expect(summary).toMatchObject({ invited: 1, rewarded: 1 });
    expect(summary.referrals).toEqual([
      { name: '林**', joinedAt: friend.joinedAt, status: 'rewarded', refusalReason: null, pointsEarned: 500 },
    ]);
    await expectBalancesMatchLedger(ds, [referrer.id, friend.id]);
  });

  it(`rewards ${REFERRAL_MONTHLY_CAP} referrals a club month and refuses the next as monthly_cap`, async () => {
    const referrer = await join();
    const friends: JoinedMember[] = [];
    for (let i = 0; i <= REFERRAL_MONTHLY_CAP; i++) friends.push(await join(referrer.referralCode));
    for (const friend of friends) await buy(friend, 150_000);

    const summary = await referralOf(referrer);
    expect(summary).toMatchObject({ invited: REFERRAL_MONTHLY_CAP + 1, rewarded: REFERRAL_MONTHLY_CAP });
    // Newest first: the last friend's purchase came after the cap was reached.
    expect(summary.referrals[0]).toMatchObject({ status: 'refused', refusalReason: 'monthly_cap', pointsEarned: 0 });
    expect(summary.referrals.slice(1).every((r) => r.status === 'rewarded' && r.pointsEarned === 500)).toBe(true);
    const me = await club.request.get(`${API}/me`).set(bearer(referrer.accessToken)).expect(200);
    expect(me.body.points).toBe(REFERRAL_MONTHLY_CAP * 500);
    expect(await referralBonuses(friends[REFERRAL_MONTHLY_CAP].id)).toEqual([]);
  });

  it('gives a WeChat member a mini-program code for their card, others the link only', async () => {
    const onWechat = await join();
    const res = await club.request.get(`${API}/me/referral/card`).set(bearer(onWechat.accessToken)).expect(200);
    expect(res.body).toEqual({
      code: onWechat.referralCode,
      shareUrl: `/#/pages/join/index?referralCode=${onWechat.referralCode}`,
      wechatCodeImage: expect.any(String),
    });
    const png = Buffer.from(res.body.wechatCodeImage as string, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const onAlipay = await join(undefined, uniquePhone(), 'alipay');
    const alipayCard = await club.request
      .get(`${API}/me/referral/card`)
      .set(bearer(onAlipay.accessToken))
      .expect(200);
    expect(alipayCard.body).toEqual({
      code: onAlipay.referralCode,
      shareUrl: `/#/pages/join/index?referralCode=${onAlipay.referralCode}`,
    });
  });

  it('answers 401 without a token and 403 to staff', async () => {
    await club.request.get(`${API}/me/referral`).expect(401);
    await club.request.get(`${API}/me/referral`).set(bearer(shop.clerkToken)).expect(403);
    await club.request.get(`${API}/me/referral/card`).expect(401);
  });
});
