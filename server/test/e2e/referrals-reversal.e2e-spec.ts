// Referral rewards on MariaDB, after the first purchase: the purchase's answer counts the bonus it paid,
// a refund that leaves the qualifying purchase below the minimum takes both rewards back once (however
// many refunds arrive at once), the monthly cap frees the place, and a clerk's own phone brings in
// nobody at the clerk's own store.
import {
  type InboxItem,
  type PurchaseResult,
  REFERRAL_MONTHLY_CAP,
  type ReferralSummary,
  type RefundResult,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
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

describe('referral rewards after the purchase', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  let otherShop: StoreAndClerk;
  const members: string[] = [];

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    otherShop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    if (members.length > 0 && club) await expectBalancesMatchLedger(ds, members);
    await club?.close();
  });

  async function join(overrides: { referralCode?: string; phone?: string; storeId?: string } = {}) {
    const member = await joinMember(club.request, {
      phoneCode: `sandbox:${overrides.phone ?? uniquePhone()}`,
      ...(overrides.referralCode === undefined ? {} : { referralCode: overrides.referralCode }),
      ...(overrides.storeId === undefined ? {} : { storeId: overrides.storeId }),
    });
    members.push(member.id);
    return member;
  }
  const buy = (member: JoinedMember, amount: number, orderNo = unique('ORD-')) =>
    recordPurchase(
      club.request,
      shop.clerkToken,
      purchaseBody(shop.store.id, { memberId: member.id }, { amount, orderNo }),
    );
  const refund = (purchaseId: string, amount: number) =>
    club.request
      .post(`${API}/purchases/${purchaseId}/refunds`)
      .set(bearer(shop.clerkToken))
      .send({ amount, reason: '顾客退货' });
  const pointsOf = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200)).body.points as number;
  const referralOf = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me/referral`).set(bearer(member.accessToken)).expect(200))
      .body as ReferralSummary;
  const referralLedger = async (memberId: string) =>
    (
      (await ds.query(
        "SELECT kind, delta, ref FROM points_ledger WHERE member_id = ? AND ref LIKE 'referral%' ORDER BY id",
        [memberId],
      )) as Array<{ kind: string; delta: string | number; ref: string }>
    ).map((r) => [r.kind, Number(r.delta), r.ref]);

  it("answers the purchase with the buyer's balance after the referral bonus it paid, on a retry too", async () => {
    const referrer = await join();
    const friend = await join({ referralCode: referrer.referralCode });
    const orderNo = unique('ORD-');
    const first = await buy(friend, 150_000, orderNo);
    expect(first.pointsEarned).toBe(1500);
    expect(first.balance).toBe(1500 + 200);
    expect(await pointsOf(friend)).toBe(first.balance);
    const retry = await club.request
      .post(`${API}/purchases`)
      .set(bearer(shop.clerkToken))
      .send(purchaseBody(shop.store.id, { memberId: friend.id }, { amount: 150_000, orderNo }))
      .expect(200);
    expect((retry.body as PurchaseResult).balance).toBe(first.balance);
    // A purchase that pays no referral answers its own balance as before.
    const later = await buy(friend, 10_000);
    expect(later.balance).toBe(first.balance + 100);
  });

  it('takes both rewards back once when refunds leave the qualifying purchase below the minimum', async () => {
    const referrer = await join();
    const friend = await join({ referralCode: referrer.referralCode });
    const purchase = await buy(friend, 150_000);
    const [{ id }] = (await ds.query('SELECT id FROM referrals WHERE referred_id = ?', [
      friend.id,
    ])) as Array<{
      id: string | number;
    }>;

    // 50,000 back still leaves 100,000: the referral stands.
    await refund(purchase.purchase.id, 50_000).expect(201);
    expect((await referralOf(referrer)).rewarded).toBe(1);

    // Ten refunds of 5,000 at once: the first to leave less than 100,000 reverses, once.
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(purchase.purchase.id, 5_000)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(await referralLedger(referrer.id)).toEqual([
      ['bonus', 500, `referral:${id}:referrer`],
      ['refund_reversal', -500, `referral-reversal:${id}:referrer`],
    ]);
    expect(await referralLedger(friend.id)).toEqual([
      ['bonus', 200, `referral:${id}:referred`],
      ['refund_reversal', -200, `referral-reversal:${id}:referred`],
    ]);
    expect(await pointsOf(referrer)).toBe(0);
    // The last refund's answer is the buyer's balance after everything.
    const last = answers
      .map((a) => a.body as RefundResult)
      .sort((a, b) => Number(b.refund.id) - Number(a.refund.id))[0];
    expect(last.balance).toBe(await pointsOf(friend));
    await expectBalancesMatchLedger(ds, [referrer.id, friend.id]);

    const summary = await referralOf(referrer);
    expect(summary).toMatchObject({ invited: 1, rewarded: 0 });
    expect(summary.referrals).toEqual([
      expect.objectContaining({ status: 'reversed', refusalReason: null, pointsEarned: 0 }),
    ]);

    // Both are told, once.
    await club.app.get(OutboxService).dispatchAll();
    for (const member of [referrer, friend]) {
      const res = await club.request
        .get(`${API}/me/inbox?limit=100`)
        .set(bearer(member.accessToken))
        .expect(200);
      const told = (res.body.items as InboxItem[]).filter((i) => i.kind === 'referral_reversed');
      expect(told).toHaveLength(1);
      expect(told[0].body).toContain(member === referrer ? '500' : '200');
    }

    // Refunding the rest changes nothing more.
    await refund(purchase.purchase.id, 50_000).expect(201);
    expect(await referralLedger(referrer.id)).toHaveLength(2);
  });

  it(`frees a place under the monthly cap of ${REFERRAL_MONTHLY_CAP} when a rewarded referral is reversed`, async () => {
    const referrer = await join();
    const friends: JoinedMember[] = [];
    for (let i = 0; i <= REFERRAL_MONTHLY_CAP; i++)
      friends.push(await join({ referralCode: referrer.referralCode }));
    const purchases: PurchaseResult[] = [];
    for (const friend of friends.slice(0, REFERRAL_MONTHLY_CAP)) purchases.push(await buy(friend, 100_000));
    expect((await referralOf(referrer)).rewarded).toBe(REFERRAL_MONTHLY_CAP);

    await refund(purchases[0].purchase.id, 100_000).expect(201);
    expect((await referralOf(referrer)).rewarded).toBe(REFERRAL_MONTHLY_CAP - 1);
    const last = await buy(friends[REFERRAL_MONTHLY_CAP], 100_000);
    expect(last.balance).toBe(1000 + 200);
    const summary = await referralOf(referrer);
    expect(summary.rewarded).toBe(REFERRAL_MONTHLY_CAP);
    expect(summary.referrals[0]).toMatchObject({ status: 'rewarded', pointsEarned: 500 });
    expect(await pointsOf(referrer)).toBe(REFERRAL_MONTHLY_CAP * 500);
  });

  it(`pays no more than ${REFERRAL_MONTHLY_CAP} referrals a month when their friends buy at the same moment`, async () => {
    const referrer = await join();
    const friends: JoinedMember[] = [];
    for (let i = 0; i < REFERRAL_MONTHLY_CAP + 6; i++)
      friends.push(await join({ referralCode: referrer.referralCode }));
    await Promise.all(friends.map((friend) => buy(friend, 100_000)));
    expect(await referralOf(referrer)).toMatchObject({ rewarded: REFERRAL_MONTHLY_CAP });
    expect(await pointsOf(referrer)).toBe(REFERRAL_MONTHLY_CAP * 500);
  });

  it("refuses a referral by an active clerk's own phone for a member joining at that clerk's store", async () => {
    const phone = uniquePhone();
    await club.request
      .post(`${API}/staff`)
      .set(bearer(managerToken))
      .send({
        username: unique('clerk'),
        password: 'clerk-passw0rd',
        name: '周店员',
        role: 'clerk',
        storeId: shop.store.id,
        phone,
      })
      .expect(201);
    const clerkAsMember = await join({ phone });
    const code = clerkAsMember.referralCode;

    const atHerStore = await join({ referralCode: code, storeId: shop.store.id });
    const elsewhere = await join({ referralCode: code, storeId: otherShop.store.id });
    const noStore = await join({ referralCode: code });
    const statusOf = async (member: JoinedMember) =>
      (
        (await ds.query('SELECT status, refusal_reason FROM referrals WHERE referred_id = ?', [
          member.id,
        ])) as Array<{
          status: string;
          refusal_reason: string | null;
        }>
      ).map((r) => [r.status, r.refusal_reason]);
    // The join succeeds, unbound; the member is a member of her store all the same.
    expect(atHerStore.storeId).toBe(shop.store.id);
    expect(await statusOf(atHerStore)).toEqual([['refused', 'clerk_own_store']]);
    expect(await statusOf(elsewhere)).toEqual([['bound', null]]);
    expect(await statusOf(noStore)).toEqual([['bound', null]]);
    await buy(atHerStore, 200_000);
    expect(await referralLedger(clerkAsMember.id)).toEqual([]);
    expect(await referralOf(clerkAsMember)).toMatchObject({ invited: 2, rewarded: 0 });

    // Once the clerk has left (inactive), her phone refers like anyone's.
    await ds.query('UPDATE staff SET active = ? WHERE phone = ?', [false, phone]);
    const afterShe = await join({ referralCode: code, storeId: shop.store.id });
    expect(await statusOf(afterShe)).toEqual([['bound', null]]);
  });

  it('judges a refund by the minimum the purchase qualified under, not one raised since', async () => {
    const putReferralMinimum = async (minFirstPurchase: number) => {
      const current = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
      const rules = current.body.rules as { referral: Record<string, unknown> };
      await club.request
        .put(`${API}/rules`)
        .set(bearer(managerToken))
        .send({ ...rules, referral: { ...rules.referral, minFirstPurchase } })
        .expect(200);
      return Number(rules.referral.minFirstPurchase);
    };
    const referrer = await join();
    const friend = await join({ referralCode: referrer.referralCode });
    const purchase = await buy(friend, 150_000);
    const before = await putReferralMinimum(200_000);
    try {
      // 140,000 left: still above the 100,000 the purchase qualified under, so both keep their reward.
      await refund(purchase.purchase.id, 10_000).expect(201);
      expect(await referralOf(referrer)).toMatchObject({ rewarded: 1 });
      expect(await pointsOf(referrer)).toBe(500);
      expect(await referralLedger(friend.id)).toHaveLength(1);
    } finally {
      await putReferralMinimum(before);
    }
  });
});
