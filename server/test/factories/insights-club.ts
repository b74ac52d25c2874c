// The insights overview's hand-built club, run on MariaDB (insights.e2e-spec.ts) and SQLite (the smoke).
import type { InsightsOverview, PurchaseResult, RedemptionCreated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
} from './club.factory';
import { createEvent, createPublishedEvent, DAY, HOUR, MINUTE } from './events.factory';
import { purchaseBody, recordPurchase } from './points.factory';
import { checkInOk, registerOk, runJob } from './registrations.factory';
import { adjustPoints, createReward, redeem } from './rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const TZ = 'Asia/Shanghai';

/** The club-calendar date (Asia/Shanghai, the test app's default) `days` days before `from`. */
const clubDateBefore = (from: number, days: number): string =>
  new Date(from - days * DAY).toLocaleDateString('en-CA', { timeZone: TZ });
/** A DATETIME(3) literal of an instant, as the server stores it (UTC). */
const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

/**
 * A small club built through the API (and the clock moved back by SQL where the API only writes
 * "now"), with every overview figure worked out by hand for the whole club and for each store. The
 * periods are the 30×24 hours (or 365 days, or 90 days) before the request; the rows meant to sit
 * at a period's edge are an hour inside or outside it, and the whole setup takes far less than that.
 */
export function insightsClubSuite(title: string): void {
  describe(title, () => {
    let club: TestApp;
    let ds: DataSource;
    let managerToken: string;
    let shopA: StoreAndClerk;
    let shopB: StoreAndClerk;
    const T = Date.now();
    const m: Record<string, JoinedMember> = {};
    const earned: Record<string, number> = {};
    let expiringLot = 0;

    const overview = async (query = ''): Promise<InsightsOverview> =>
      (await club.request.get(`${API}/insights/overview${query}`).set(bearer(managerToken)).expect(200))
        .body as InsightsOverview;
    const buy = async (
      shop: StoreAndClerk,
      member: JoinedMember,
      amount: number,
      at: number | string,
      label: string,
    ): Promise<PurchaseResult> => {
      const occurredAt = typeof at === 'string' ? at : new Date(at).toISOString();
      const result = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }, { amount, occurredAt }),
      );
      earned[label] = result.pointsEarned;
      return result;
    };
    const feedback = async (member: JoinedMember, body: Record<string, unknown>): Promise<string | null> => {
      const res = await club.request
        .post(`${API}/feedback`)
        .set(bearer(member.accessToken))
        .send(body)
        .expect(201);
      return res.body.followUpId as string | null;
    };
    const resolve = (id: string) =>
      club.request
        .post(`${API}/follow-ups/${id}/resolution`)
        .set(bearer(managerToken))
        .send({ note: '已致电会员，妥善处理' })
        .expect(200);
    const setRow = (sql: string, params: unknown[]) => ds.query(sql, params);
    const refund = (shop: StoreAndClerk, purchase: PurchaseResult, amount: number, reason: string) =>
      club.request
        .post(`${API}/purchases/${purchase.purchase.id}/refunds`)
        .set(bearer(shop.clerkToken))
        .send({ amount, reason })
        .expect(201);

    beforeAll(async () => {
      club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
      ds = club.app.get(DataSource);
      managerToken = (await loginManager(club.request)).accessToken;
      shopA = await createStoreAndClerk(club.request, managerToken);
      shopB = await createStoreAndClerk(club.request, managerToken);
      const join = async (name: string, shop: StoreAndClerk, extra: Record<string, unknown> = {}) => {
        m[name] = await joinMember(club.request, { name: `会员${name}`, storeId: shop.store.id, ...extra });
      };
      await join('a1', shopA);
      await join('a2', shopA, { consent: { marketing: false } });
      await join('a3', shopA);
      await join('a4', shopA);
      await join('a5', shopA);
      await join('a6', shopA);
      await join('r', shopA, { referralCode: m.a1!.referralCode });
      await join('e', shopA);
      await join('b1', shopB);
      await join('b2', shopB, { consent: { marketing: false } });
      await join('c1', shopB);
      await join('r2', shopB, { referralCode: m.b1!.referralCode });
      // Joined just outside and just inside the 30 days.
      await setRow('UPDATE members SET joined_at = ? WHERE id = ?', [sqlTime(T - 30 * DAY - HOUR), m.a3!.id]);
      await setRow('UPDATE members SET joined_at = ? WHERE id = ?', [sqlTime(T - 30 * DAY + HOUR), m.a4!.id]);

      // Purchases. a1: 40 days and 2 days ago (two days). a2: two at either end of one club day
      // (00:30 and 23:30 in Shanghai, different UTC dates), 50,000 of the second refunded: one day.
      // a3 just outside the 12 months, a4 just inside. r: the referral's qualifying purchase at 23:30
      // and another at 00:30 the next club day (the same UTC date): two days; a6 the same. b1: just inside 30 days and
      // 10 days ago (two days), 10,000 of the second refunded: still two days. b2 just outside the 30 days, and
      // an exchange 20 days ago refunded whole: a refunded purchase is no purchase, so one day. c1: one
      // purchase wholly refunded after spending its points on a gift: no buyer.
      await buy(shopA, m.a1!, 100_000, T - 40 * DAY, 'a1old');
      await buy(shopA, m.a1!, 50_000, T - 2 * DAY, 'a1new');
      const a2Day = clubDateBefore(T, 3);
      await buy(shopA, m.a2!, 150_000, `${a2Day}T00:30:00+08:00`, 'a2first');
      const a2Second = await buy(shopA, m.a2!, 160_000, `${a2Day}T23:30:00+08:00`, 'a2second');
      await refund(shopA, a2Second, 50_000, '换款');
      await buy(shopA, m.a3!, 100_000, T - 365 * DAY - HOUR, 'a3');
      await buy(shopA, m.a4!, 100_000, T - 365 * DAY + HOUR, 'a4');
      await buy(shopA, m.r!, 100_000, `${clubDateBefore(T, 6)}T23:30:00+08:00`, 'r1');
      await buy(shopA, m.r!, 20_000, `${clubDateBefore(T, 5)}T00:30:00+08:00`, 'r2');
      await buy(shopA, m.a6!, 10_000, `${clubDateBefore(T, 8)}T23:30:00+08:00`, 'a6first');
      await buy(shopA, m.a6!, 10_000, `${clubDateBefore(T, 7)}T00:30:00+08:00`, 'a6second');
      await buy(shopA, m.e!, 100_000, T - HOUR, 'e');
      await buy(shopB, m.b1!, 100_000, T - 30 * DAY + HOUR, 'b1in');
      await refund(shopB, await buy(shopB, m.b1!, 30_000, T - 10 * DAY, 'b1mid'), 10_000, '改圈口');
      await buy(shopB, m.b2!, 70_000, T - 30 * DAY - HOUR, 'b2out');
      await refund(shopB, await buy(shopB, m.b2!, 40_000, T - 20 * DAY, 'b2exchange'), 40_000, '换款');
      const c1Purchase = await buy(shopB, m.c1!, 100_000, T - 2 * HOUR, 'c1');

      // Gifts: b2 picks one up and returns another (net 100 points redeemed); c1 spends 900 and then
      // her purchase is refunded whole, which takes her balance below zero.
      const gift = await createReward(club.request, managerToken, { pointsCost: 100 });
      const bigGift = await createReward(club.request, managerToken, { pointsCost: 900 });
      await adjustPoints(club.request, managerToken, m.b2!.id, 500);
      const kept = (await redeem(club.request, m.b2!.accessToken, gift.id).expect(201))
        .body as RedemptionCreated;
      await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(shopB.clerkToken))
        .send({ code: kept.code })
        .expect(200);
      const returned = (await redeem(club.request, m.b2!.accessToken, gift.id).expect(201))
        .body as RedemptionCreated;
      await club.request
        .post(`${API}/redemptions/${returned.id}/cancellation`)
        .set(bearer(m.b2!.accessToken))
        .expect(200);
      await redeem(club.request, m.c1!.accessToken, bigGift.id).expect(201);
      await refund(shopB, c1Purchase, 100_000, '整单退货');

      // Points expiring: a1's old lot within 30 days; b2's just after; c1's (below zero) within.
      const lotOf = async (memberId: string, points: number) =>
        String(
          (
            await ds.query(
              'SELECT id FROM points_lots WHERE member_id = ? AND points = ? ORDER BY id LIMIT 1',
              [memberId, points],
            )
          )[0].id,
        );
      await setRow('UPDATE points_lots SET expires_at = ? WHERE id = ?', [
        sqlTime(T + 29 * DAY),
        await lotOf(m.a1!.id, earned.a1old!),
      ]);
      await setRow('UPDATE points_lots SET expires_at = ? WHERE id = ?', [
        sqlTime(T + 30 * DAY + HOUR),
        await lotOf(m.b2!.id, earned.b2out!),
      ]);
      await setRow('UPDATE points_lots SET expires_at = ? WHERE id = ?', [
        sqlTime(T + 10 * DAY),
        await lotOf(m.c1!.id, earned.c1!),
      ]);
      expiringLot = Number(
        (
          await ds.query('SELECT remaining FROM points_lots WHERE id = ?', [
            await lotOf(m.a1!.id, earned.a1old!),
          ])
        )[0].remaining,
      );

      // Events. E1 at store A: a1 (+1 guest), a2 and b1 confirmed, a1 and b1 checked in; then moved
      // to have started just inside 90 days ago, and rated. E4 at store A: a5 checked in, then moved to
      // just outside 90 days, its registration to just outside 30 days. E2 at B and a store-less E5
      // are upcoming; a draft E3 is not.
      const soon = T + 2 * HOUR;
      const window = {
        startsAt: new Date(soon).toISOString(),
        endsAt: new Date(soon + 3 * HOUR).toISOString(),
        registration: { opensAt: new Date(T - HOUR).toISOString(), closesAt: new Date(soon).toISOString() },
      };
      const e1 = await createPublishedEvent(club.request, managerToken, {
        ...window,
        storeId: shopA.store.id,
      });
      const e4 = await createPublishedEvent(club.request, managerToken, {
        ...window,
        storeId: shopA.store.id,
      });
      const e2 = await createPublishedEvent(club.request, managerToken, { storeId: shopB.store.id });
      await createPublishedEvent(club.request, managerToken, {});
      await createEvent(club.request, managerToken, { storeId: shopA.store.id });
      const a1Ticket = await registerOk(club.request, m.a1!.accessToken, e1.id, 1);
      await registerOk(club.request, m.a2!.accessToken, e1.id);
      const b1Ticket = await registerOk(club.request, m.b1!.accessToken, e1.id);
      const a5Ticket = await registerOk(club.request, m.a5!.accessToken, e4.id);
      await registerOk(club.request, m.b2!.accessToken, e2.id);
      await checkInOk(club.request, managerToken, e1.id, a1Ticket.ticketCode);
      await checkInOk(club.request, managerToken, e1.id, b1Ticket.ticketCode);
      await checkInOk(club.request, managerToken, e4.id, a5Ticket.ticketCode);
      const moveEvent = (id: string, startsAt: number) =>
        setRow('UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?', [
          sqlTime(startsAt),
          sqlTime(startsAt + 3 * HOUR),
          id,
        ]);
      await moveEvent(e1.id, T - 90 * DAY + HOUR);
      await moveEvent(e4.id, T - 90 * DAY - HOUR);
      await setRow('UPDATE event_registrations SET created_at = ? WHERE event_id = ?', [
        sqlTime(T - 30 * DAY - HOUR),
        e4.id,
      ]);
      await setRow('UPDATE event_registrations SET created_at = ? WHERE event_id = ? AND member_id = ?', [
        sqlTime(T - 30 * DAY + HOUR),
        e1.id,
        m.a2!.id,
      ]);
      for (const [who, rating] of [
        ['a1', 5],
        ['b1', 2],
      ] as const) {
        await club.request
          .post(`${API}/events/${e1.id}/feedback`)
          .set(bearer(m[who]!.accessToken))
          .send({ rating, comment: '' })
          .expect(201);
      }

      // Follow-ups. Store A: b1's event rating (open), f2 overdue and escalated, f3 overdue after the
      // escalation ran, f6 resolved just outside 30 days, f7 resolved in time just inside. Store B: f4
      // resolved in time, f5 resolved late. a2 rates her purchase 5 (no follow-up); a1's rating of 4
      // is just outside 30 days.
      const farAhead = sqlTime(T + DAY);
      await setRow('UPDATE follow_ups SET first_response_due_at = ?, resolve_due_at = ?', [
        farAhead,
        farAhead,
      ]);
      const f2 = (await feedback(m.a1!, { subject: 'store', rating: 1, comment: '柜台无人' }))!;
      await setRow('UPDATE follow_ups SET resolve_due_at = ?, first_response_due_at = ? WHERE id = ?', [
        sqlTime(T - HOUR),
        farAhead,
        f2,
      ]);
      await runJob(club.request, managerToken, 'follow-up-escalation');
      const f3 = (await feedback(m.a2!, { subject: 'other', rating: 3, comment: '包装一般' }))!;
      const f4 = (await feedback(m.b1!, {
        subject: 'store',
        refId: shopB.store.id,
        rating: 2,
        comment: '',
      }))!;
      const f5 = (await feedback(m.b2!, { subject: 'other', rating: 1, comment: '' }))!;
      const f6 = (await feedback(m.a4!, { subject: 'other', rating: 2, comment: '' }))!;
      const f7 = (await feedback(m.a4!, { subject: 'store', rating: 2, comment: '' }))!;
      await feedback(m.a2!, {
        subject: 'purchase',
        refId: a2Second.purchase.id,
        rating: 5,
        comment: '很满意',
      });
      const late = await club.request
        .post(`${API}/feedback`)
        .set(bearer(m.a1!.accessToken))
        .send({ subject: 'store', rating: 4, comment: '' })
        .expect(201);
      await setRow('UPDATE feedback SET created_at = ? WHERE id = ?', [
        sqlTime(T - 30 * DAY - HOUR),
        late.body.id,
      ]);
      await setRow(
        'UPDATE follow_ups SET first_response_due_at = ?, resolve_due_at = ? WHERE id IN (?, ?, ?, ?, ?)',
        [farAhead, farAhead, f3, f4, f5, f6, f7],
      );
      await setRow('UPDATE follow_ups SET first_response_due_at = ? WHERE id = ?', [sqlTime(T - MINUTE), f3]);
      await setRow('UPDATE follow_ups SET resolve_due_at = ? WHERE id = ?', [sqlTime(T - HOUR), f5]);
      for (const id of [f4, f5, f6, f7]) await resolve(id);
      await setRow('UPDATE follow_ups SET resolved_at = ?, resolve_due_at = ? WHERE id = ?', [
        sqlTime(T - 30 * DAY - HOUR),
        sqlTime(T - 30 * DAY),
        f6,
      ]);
      await setRow('UPDATE follow_ups SET resolved_at = ?, resolve_due_at = ? WHERE id = ?', [
        sqlTime(T - 30 * DAY + HOUR),
        sqlTime(T - 30 * DAY + 2 * HOUR),
        f7,
      ]);

      // Erased after buying: in no figure that counts members, but her sale (and its points) stays a sale (+100,000).
      await club.request.delete(`${API}/me`).set(bearer(m.e!.accessToken)).expect(204);
    }, 120_000);
    afterAll(async () => {
      await club?.close();
    });

    const sum = (...labels: string[]) => labels.reduce((s, l) => s + earned[l]!, 0);

    it('counts the whole club', async () => {
      const o = await overview();
      expect(o.storeId).toBeNull();
      expect(Math.abs(Date.parse(o.asOf) - Date.now())).toBeLessThan(60_000);
      expect(o.members).toEqual({ total: 11, active: 9, joinedLast30Days: 10, withMarketingConsent: 9 });
      // a1, a2, a4, r, a6, b1, b2 bought (c1's only purchase was refunded whole); a1, r, a6 and b1 on two days.
      expect(o.repeatPurchase).toEqual({ of: 7, count: 4, rate: 0.5714 });
      expect(o.tierMix).toEqual([
        { tier: 'friend', members: 10 },
        { tier: 'silver', members: 1 },
        { tier: 'gold', members: 0 },
        { tier: 'diamond', members: 0 },
      ]);
      // a1 50,000; a2 310,000 less 50,000 refunded; r 120,000; a6 20,000; b1 130,000 less 10,000; b2's 40,000
      // and c1's 100,000 less all of it; the erased member's 100,000.
      expect(o.netSpendLast30Days).toBe(570_000 + 100_000);
      expect(o.points).toEqual({
        outstanding: o.points.outstanding,
        // The earnings of the 30 days' purchases and the referral's 500 + 200.
        issuedLast30Days:
          sum(
            'a1new',
            'a2first',
            'a2second',
            'r1',
            'r2',
            'a6first',
            'a6second',
            'b1in',
            'b1mid',
            'b2exchange',
            'c1',
            'e',
          ) + 700,
        redeemedLast30Days: 100 + 900,
        expiringNext30Days: expiringLot,
      });
      expect(o.events).toEqual({
        upcoming: 2,
        registrationsLast30Days: 4,
        checkIn: { of: 4, count: 3, rate: 0.75 },
      });
      expect(o.referrals).toEqual({ joinedLast30Days: 2, rewardedLast30Days: 1 });
      expect(o.followUps).toEqual({
        open: 3,
        overdue: 2,
        escalated: 1,
        resolvedInTime: { of: 3, count: 2, rate: 0.6667 },
        // 1, 3, 2, 1, 2, 2 and 5 by POST /feedback, 5 and 2 on the event: 23 / 9.
        averageRatingLast30Days: 2.6,
        ratingsLast30Days: 9,
      });
    });

    it("counts one store's members, events and follow-ups", async () => {
      const a = await overview(`?storeId=${shopA.store.id}`);
      expect(a.storeId).toBe(shopA.store.id);
      expect(a.members).toEqual({ total: 7, active: 6, joinedLast30Days: 6, withMarketingConsent: 6 });
      expect(a.repeatPurchase).toEqual({ of: 5, count: 3, rate: 0.6 });
      expect(a.tierMix.map((t) => t.members)).toEqual([6, 1, 0, 0]);
      expect(a.netSpendLast30Days).toBe(450_000 + 100_000);
      expect(a.points.issuedLast30Days).toBe(
        sum('a1new', 'a2first', 'a2second', 'r1', 'r2', 'a6first', 'a6second', 'e') + 700,
      );
      expect(a.points.redeemedLast30Days).toBe(0);
      expect(a.points.expiringNext30Days).toBe(expiringLot);
      expect(a.events).toEqual({
        upcoming: 0,
        registrationsLast30Days: 3,
        checkIn: { of: 4, count: 3, rate: 0.75 },
      });
      expect(a.referrals).toEqual({ joinedLast30Days: 1, rewardedLast30Days: 1 });
      expect(a.followUps).toEqual({
        open: 3,
        overdue: 2,
        escalated: 1,
        resolvedInTime: { of: 1, count: 1, rate: 1 },
        // 1, 3, 2, 2, 5 and the event's 5 and 2: 20 / 7.
        averageRatingLast30Days: 2.9,
        ratingsLast30Days: 7,
      });

      const b = await overview(`?storeId=${shopB.store.id}`);
      expect(b.members).toEqual({ total: 4, active: 3, joinedLast30Days: 4, withMarketingConsent: 3 });
      // b1 bought on two days (one partly refunded), b2 on one (her other day's purchase was refunded whole); c1's
      // only purchase was refunded whole: no buyer, though still active (she came in and bought).
      expect(b.repeatPurchase).toEqual({ of: 2, count: 1, rate: 0.5 });
      expect(b.tierMix.map((t) => t.members)).toEqual([4, 0, 0, 0]);
      expect(b.netSpendLast30Days).toBe(120_000);
      expect(b.points.issuedLast30Days).toBe(sum('b1in', 'b1mid', 'b2exchange', 'c1'));
      expect(b.points.redeemedLast30Days).toBe(1000);
      // c1's lot expires within the 30 days, but her balance is below zero: nothing of hers lapses.
      expect(b.points.expiringNext30Days).toBe(0);
      expect(b.events).toEqual({
        upcoming: 1,
        registrationsLast30Days: 1,
        checkIn: { of: 0, count: 0, rate: 0 },
      });
      expect(b.referrals).toEqual({ joinedLast30Days: 1, rewardedLast30Days: 0 });
      expect(b.followUps).toEqual({
        open: 0,
        overdue: 0,
        escalated: 0,
        resolvedInTime: { of: 2, count: 1, rate: 0.5 },
        averageRatingLast30Days: 1.5,
        ratingsLast30Days: 2,
      });
    });

    it('has points outstanding equal to the positive balances the members see', async () => {
      const balances: Record<string, number> = {};
      for (const [name, member] of Object.entries(m)) {
        if (name === 'e') continue;
        balances[name] = (await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200))
          .body.points as number;
      }
      expect(balances.c1).toBeLessThan(0);
      const positive = (names: string[]) => names.reduce((s, n) => s + Math.max(0, balances[n]!), 0);
      expect((await overview()).points.outstanding).toBe(positive(Object.keys(balances)));
      expect((await overview(`?storeId=${shopA.store.id}`)).points.outstanding).toBe(
        positive(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'r']),
      );
      expect((await overview(`?storeId=${shopB.store.id}`)).points.outstanding).toBe(
        positive(['b1', 'b2', 'c1', 'r2']),
      );
    });
  });
}
