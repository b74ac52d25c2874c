import type { ClerkActivity, ClerkActivityReport, ClerkContacts } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createClerk,
  createStore,
  fieldsOf,
  joinMember,
  loginManager,
  loginStaff,
  CLERK_PASSWORD,
  type JoinedMember,
} from '../factories/club.factory';
import { insertContact } from '../factories/contacts.factory';
import { createPublishedEvent, HOUR } from '../factories/events.factory';
import { purchaseBody } from '../factories/points.factory';
import { checkInOk, registerOk } from '../factories/registrations.factory';
import { adjustPoints, createReward, redeem } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 24 * HOUR;
const TZ = 'Asia/Shanghai';

/** The club-calendar date (Asia/Shanghai, the test app's default) of an instant. */
const clubDate = (ms: number): string => new Date(ms).toLocaleDateString('en-CA', { timeZone: TZ });

describe('clerk activity: GET /staff/activity and GET /staff/{id}/contacts', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;

  const contact = (staffId: string, memberId: string, at: number, purpose?: string): Promise<string> =>
    insertContact(ds, staffId, memberId, at, purpose);
  async function purchase(storeId: string, memberId: string, at: number, amount: number): Promise<string> {
    const res = await club.request
      .post(`${API}/purchases`)
      .set(bearer(managerToken))
      .send(purchaseBody(storeId, { memberId }, { amount, occurredAt: new Date(at).toISOString() }))
      .expect(201);
    return res.body.purchase.id as string;
  }
  async function newClerk(storeId: string, name: string): Promise<{ id: string; token: string }> {
    const clerk = await createClerk(club.request, managerToken, storeId);
    await club.request.patch(`${API}/staff/${clerk.id}`).set(bearer(managerToken)).send({ name }).expect(200);
    return {
      id: clerk.id,
      token: (await loginStaff(club.request, clerk.username, CLERK_PASSWORD)).accessToken,
    };
  }
  const report = async (query: string): Promise<ClerkActivityReport> =>
    (await club.request.get(`${API}/staff/activity${query}`).set(bearer(managerToken)).expect(200)).body;
  const contactsOf = async (staffId: string, query: string): Promise<ClerkContacts> =>
    (await club.request.get(`${API}/staff/${staffId}/contacts${query}`).set(bearer(managerToken)).expect(200))
      .body;

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
  });
  afterAll(async () => {
    await club?.close();
  });

  describe('a hand-built month of two clerks', () => {
    const now = Date.now();
    let storeId: string;
    let anna: { id: string; token: string };
    let bai: { id: string; token: string };
    let chen: { id: string; token: string };
    let m: JoinedMember[];
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      storeId = (await createStore(club.request, managerToken)).id;
      const otherStore = (await createStore(club.request, managerToken)).id;
      anna = await newClerk(storeId, '安娜');
      bai = await newClerk(storeId, '白露');
      chen = await newClerk(otherStore, '陈晨');
      m = [];
      for (let i = 0; i < 6; i++) m.push(await joinMember(club.request, { name: `会员${i}` }));
      for (const member of [m[0]!, m[1]!]) {
        await club.request
          .put(`${API}/members/${member.id}/clerk`)
          .set(bearer(managerToken))
          .send({ clerkId: anna.id })
          .expect(200);
      }

      // 安娜: m0 twice (20 and 15 days ago), m1 once 50 days ago.
      ids.a1 = await contact(anna.id, m[0]!.id, now - 20 * DAY);
      ids.a2 = await contact(anna.id, m[0]!.id, now - 15 * DAY, 'service');
      ids.a3 = await contact(anna.id, m[1]!.id, now - 50 * DAY);
      // 白露: m2, m3, m4 in the last five days; 陈晨 (another store): m5 yesterday.
      ids.b1 = await contact(bai.id, m[2]!.id, now - 5 * DAY);
      ids.b2 = await contact(bai.id, m[3]!.id, now - 3 * DAY);
      ids.b3 = await contact(bai.id, m[4]!.id, now - 2 * DAY);
      ids.c1 = await contact(chen.id, m[5]!.id, now - DAY);

      // m0 bought 25 days ago (before any contact: no follow) and 10 days ago (after both), then returned part of it.
      await purchase(storeId, m[0]!.id, now - 25 * DAY, 20_000);
      const followed = await purchase(storeId, m[0]!.id, now - 10 * DAY, 100_000);
      await club.request
        .post(`${API}/purchases/${followed}/refunds`)
        .set(bearer(managerToken))
        .send({ amount: 30_000, reason: '换款退差价' })
        .expect(201);
      // m1 bought 40 days after 安娜's contact: too late to count.
      await purchase(storeId, m[1]!.id, now - 10 * DAY, 50_000);

      // m2 picks up a gift from 白露 now (5 days after the contact).
      const reward = await createReward(club.request, managerToken, { pointsCost: 100 });
      await adjustPoints(club.request, managerToken, m[2]!.id, 500);
      const redemption = await redeem(club.request, m[2]!.accessToken, reward.id).expect(201);
      await club.request
        .post(`${API}/redemptions/fulfilments`)
        .set(bearer(bai.token))
        .send({ code: redemption.body.code })
        .expect(200);

      // m3 is checked in at an event now (3 days after the contact).
      const event = await createPublishedEvent(club.request, managerToken, {
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 3 * HOUR).toISOString(),
        registration: {
          opensAt: new Date(now - HOUR).toISOString(),
          closesAt: new Date(now + 30 * 60_000).toISOString(),
        },
      });
      const ticket = await registerOk(club.request, m[3]!.accessToken, event.id);
      await checkInOk(club.request, bai.token, event.id, ticket.ticketCode);
    });

    const base = (c: { id: string }, name: string, members: number): Partial<ClerkActivity> => ({
      staffId: c.id,
      name,
      storeId,
      active: true,
      members,
    });

    it('counts contacts, members reached and what followed within 30 days, sorted by contacts then name', async () => {
      const from = clubDate(now - 60 * DAY);
      const to = clubDate(now);
      const res = await report(`?from=${from}&to=${to}&storeId=${storeId}`);
      expect(res.from).toBe(from);
      expect(res.to).toBe(to);
      expect(res.items).toEqual([
        {
          ...base(anna, '安娜', 2),
          contacts: 3,
          membersReached: 2,
          followedByVisit: 2,
          followedByPurchase: 2,
          // The 100,000 purchase followed both of m0's contacts, counted once, less the 30,000 refund.
          followedSpend: 70_000,
        },
        {
          ...base(bai, '白露', 0),
          contacts: 3,
          membersReached: 3,
          followedByVisit: 2,
          followedByPurchase: 0,
          followedSpend: 0,
        },
      ]);
    });

    it('narrows to the period and lists every store without the filter', async () => {
      const res = await report(`?from=${clubDate(now - 30 * DAY)}&to=${clubDate(now)}`);
      const byId = new Map(res.items.map((i) => [i.staffId, i]));
      expect(byId.get(anna.id)).toMatchObject({
        contacts: 2,
        membersReached: 1,
        followedByPurchase: 2,
        followedSpend: 70_000,
      });
      expect(byId.get(chen.id)).toMatchObject({
        contacts: 1,
        followedByVisit: 0,
        storeId: expect.any(String),
      });
      // 白露 and 安娜 (3 and 2 contacts) come before 陈晨 (1); clerks with none come last.
      const order = res.items.map((i) => i.staffId);
      expect(order.indexOf(bai.id)).toBeLessThan(order.indexOf(anna.id));
      expect(order.indexOf(anna.id)).toBeLessThan(order.indexOf(chen.id));
      expect(res.items.slice(order.indexOf(chen.id) + 1).every((i) => i.contacts === 0)).toBe(true);
    });

    it('defaults to the last 30 club days, today included', async () => {
      const res = await report(`?storeId=${storeId}`);
      expect(res).toMatchObject({ from: clubDate(Date.now() - 29 * DAY), to: clubDate(Date.now()) });
      expect(res.items.find((i) => i.staffId === anna.id)).toMatchObject({ contacts: 2 });
    });

    it('lists one clerk’s contacts newest first, each with the first thing that followed', async () => {
      const span = `?from=${clubDate(now - 60 * DAY)}&to=${clubDate(now)}`;
      const annas = await contactsOf(anna.id, span);
      expect(annas.items.map((c) => [c.id, c.memberId, c.purpose, c.followedBy])).toEqual([
        [
          ids.a2,
          m[0]!.id,
          'service',
          { kind: 'purchase', at: new Date(now - 10 * DAY).toISOString(), amount: 70_000 },
        ],
        [
          ids.a1,
          m[0]!.id,
          'marketing',
          { kind: 'purchase', at: new Date(now - 10 * DAY).toISOString(), amount: 70_000 },
        ],
        [ids.a3, m[1]!.id, 'marketing', null],
      ]);
      expect(annas.items[2]).toEqual({
        id: ids.a3,
        memberId: m[1]!.id,
        memberNo: m[1]!.memberNo,
        memberName: '会员1',
        purpose: 'marketing',
        text: expect.stringMatching(/^问候 /),
        at: new Date(now - 50 * DAY).toISOString(),
        followedBy: null,
      });

      const bais = await contactsOf(bai.id, span);
      expect(bais.items.map((c) => [c.id, c.followedBy?.kind ?? null])).toEqual([
        [ids.b3, null],
        [ids.b2, 'check_in'],
        [ids.b1, 'redemption'],
      ]);
      expect(Date.parse(bais.items[1]!.followedBy!.at)).toBeGreaterThanOrEqual(now);
    });
  });

  describe('edges', () => {
    let storeId: string;
    let clerk: { id: string; token: string };

    beforeAll(async () => {
      storeId = (await createStore(club.request, managerToken)).id;
      clerk = await newClerk(storeId, '丁宁');
    });

    it('counts a contact on the club day it fell on in Shanghai, not in UTC', async () => {
      const member = await joinMember(club.request);
      // 2026-03-10 in Shanghai runs from 2026-03-09T16:00Z to 2026-03-10T16:00Z.
      await contact(clerk.id, member.id, Date.parse('2026-03-09T15:59:59.999Z'));
      const first = await contact(clerk.id, member.id, Date.parse('2026-03-09T16:00:00.000Z'));
      const last = await contact(clerk.id, member.id, Date.parse('2026-03-10T15:59:59.999Z'));
      await contact(clerk.id, member.id, Date.parse('2026-03-10T16:00:00.000Z'));

      const day = await contactsOf(clerk.id, '?from=2026-03-10&to=2026-03-10');
      expect(day.items.map((c) => c.id)).toEqual([last, first]);
      const res = await report(`?from=2026-03-10&to=2026-03-10&storeId=${storeId}`);
      expect(res.items).toEqual([
        expect.objectContaining({ staffId: clerk.id, contacts: 2, membersReached: 1 }),
      ]);
      const twoDays = await report(`?from=2026-03-09&to=2026-03-10&storeId=${storeId}`);
      expect(twoDays.items[0]).toMatchObject({ contacts: 3 });
    });

    it('counts what follows up to exactly 30 days after a contact, and nothing after or at the same instant', async () => {
      const onTime = await joinMember(club.request);
      const late = await joinMember(club.request);
      const same = await joinMember(club.request);
      const at = Date.parse('2026-01-05T02:00:00.000Z');
      await contact(clerk.id, onTime.id, at);
      await contact(clerk.id, late.id, at);
      await contact(clerk.id, same.id, at);
      await purchase(storeId, onTime.id, at + 30 * DAY, 10_000);
      await purchase(storeId, late.id, at + 30 * DAY + 1, 20_000);
      await purchase(storeId, same.id, at, 40_000);

      const res = await report(`?from=2026-01-05&to=2026-01-05&storeId=${storeId}`);
      expect(res.items[0]).toMatchObject({
        contacts: 3,
        membersReached: 3,
        followedByVisit: 1,
        followedByPurchase: 1,
        followedSpend: 10_000,
      });
    });

    it('refuses bad periods with 400 VALIDATION_FAILED naming the field', async () => {
      const cases: Array<[string, string[]]> = [
        ['?from=2026-02-30', ['from']],
        ['?from=2026-03-02&to=2026-03-01', ['from']],
        ['?from=2025-01-01&to=2026-01-02', ['to']],
        ['?from=2020-01-01', ['from']],
        ['?storeId=abc', ['storeId']],
        ['?limit=5', ['limit']],
      ];
      for (const [query, fields] of cases) {
        const res = await club.request
          .get(`${API}/staff/activity${query}`)
          .set(bearer(managerToken))
          .expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res.body)).toEqual(fields);
      }
      const bad = await club.request
        .get(`${API}/staff/${clerk.id}/contacts?to=20260301`)
        .set(bearer(managerToken))
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['to']);
      await club.request
        .get(`${API}/staff/${clerk.id}/contacts?storeId=1`)
        .set(bearer(managerToken))
        .expect(400);
    });

    it('is for managers: a clerk gets 403, an unknown clerk 404', async () => {
      await club.request.get(`${API}/staff/activity`).set(bearer(clerk.token)).expect(403);
      await club.request.get(`${API}/staff/${clerk.id}/contacts`).set(bearer(clerk.token)).expect(403);
      const missing = await club.request
        .get(`${API}/staff/987654321/contacts`)
        .set(bearer(managerToken))
        .expect(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    });
  });
});
