// The clerk's worklist through HTTP on MariaDB, at a frozen instant (2027-02-21 noon in Shanghai, a
// year without 29 February): each reason from real rows, the leap-day birthday kept on 28 February,
// only the clerk's own members, highest 12-month spend first; roles.
import type { Worklist } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  loginStaff,
  CLERK_PASSWORD,
  type StoreAndClerk,
} from '../factories/club.factory';
import { purchaseBody, recordPurchase } from '../factories/points.factory';
import { freezeClock, thawClock } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const NOW = new Date('2027-02-21T04:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('GET /staff/worklist', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let mine: StoreAndClerk;
  let other: StoreAndClerk;
  const ids: Record<string, string> = {};

  async function member(
    label: string,
    birthday: string,
    joinedDaysAgo: number,
    store = mine,
  ): Promise<string> {
    const joined = await joinMember(club.request, { storeId: store.store.id, birthday });
    await ds.query('UPDATE members SET joined_at = ? WHERE id = ?', [daysAgo(joinedDaysAgo), joined.id]);
    ids[label] = joined.id;
    return joined.id;
  }

  async function purchase(memberId: string, days: number, amount: number): Promise<void> {
    await recordPurchase(
      club.request,
      managerToken,
      purchaseBody(mine.store.id, { memberId }, { amount, occurredAt: daysAgo(days).toISOString() }),
    );
  }

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    freezeClock(NOW);
    managerToken = (await loginManager(club.request)).accessToken;
    mine = await createStoreAndClerk(club.request, managerToken);
    other = await createStoreAndClerk(club.request, managerToken);

    await member('leapDay', '1992-02-29', 400); // celebrated 28 Feb 2027: 7 days away
    await member('firstOfMarch', '1990-03-01', 400); // 8 days away: not yet
    await member('anniversary', '1985-07-07', 365 * 2);
    await member('welcome', '1995-06-01', 3);
    await member('welcomedAlready', '1995-06-02', 3);
    await member('cleaning', '1980-10-10', 500);
    await member('dormant', '1981-10-10', 500);
    await member('active', '1982-10-10', 500);
    await member('followUp', '1983-10-10', 500);
    await member('othersBirthday', '1993-02-23', 400, other);

    await ds.query('UPDATE members SET joined_at = ? WHERE id = ?', [
      new Date('2025-02-21T02:00:00Z'),
      ids.anniversary,
    ]);
    await purchase(ids.anniversary, 60, 500_000);
    await purchase(ids.cleaning, 183, 200_000);
    await purchase(ids.dormant, 400, 900_000); // outside the 12 months: neither spend nor activity
    await purchase(ids.active, 10, 50_000);
    await purchase(ids.leapDay, 20, 30_000);
    await purchase(ids.firstOfMarch, 20, 30_000);
    await purchase(ids.followUp, 20, 80_000);
    await ds.query(
      'INSERT INTO member_contacts (member_id, staff_id, purpose, text, deliveries, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [ids.welcomedAlready, mine.clerk.id, 'marketing', '欢迎', '[]', 'seed-1', daysAgo(1)],
    );
    await ds.query(
      `INSERT INTO follow_ups (store_id, member_id, subject, ref_id, rating, comment, status, opened_at, first_response_due_at, resolve_due_at)
       VALUES (?, ?, 'store', NULL, 2, '等太久', 'open', ?, ?, ?)`,
      [mine.store.id, ids.followUp, daysAgo(1), daysAgo(1), daysAgo(1)],
    );
    // A fresh token at the frozen instant (the one from createStoreAndClerk is fine too; this one is the clerk's own).
    mine.clerkToken = (await loginStaff(club.request, mine.clerk.username, CLERK_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  it("lists the clerk's own members with each reason, highest 12-month spend first", async () => {
    const res = await club.request.get(`${API}/staff/worklist`).set(bearer(mine.clerkToken)).expect(200);
    const list = res.body as Worklist;
    const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]));
    expect(list.items.map((e) => [byId[e.member.id], e.reasons, e.spend12m])).toEqual([
      ['anniversary', ['anniversary'], 500_000],
      ['cleaning', ['cleaning', 'dormant'], 200_000],
      ['followUp', ['follow_up'], 80_000],
      ['leapDay', ['birthday'], 30_000],
      ['welcome', ['welcome'], 0],
      // Equal spend: the older member (lower id) first.
      ['dormant', ['dormant'], 0],
    ]);
    const first = list.items[0].member;
    expect(first).toMatchObject({ id: ids.anniversary, name: '林小雨', tier: expect.any(String) });
    expect(first.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(first.memberNo).toMatch(/^\d{9}$/);
  });

  it('is for clerks only', async () => {
    const res = await club.request.get(`${API}/staff/worklist`).set(bearer(managerToken)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await club.request.get(`${API}/staff/worklist`).expect(401);
    const someone = await joinMember(club.request);
    await club.request.get(`${API}/staff/worklist`).set(bearer(someone.accessToken)).expect(403);
  });
});
