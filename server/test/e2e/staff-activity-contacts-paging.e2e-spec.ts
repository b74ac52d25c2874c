import type { ClerkContact, ClerkContacts } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { API, bearer, createClerk, createStore, joinMember, loginManager } from '../factories/club.factory';
import { insertContact } from '../factories/contacts.factory';
import { HOUR } from '../factories/events.factory';
import { purchaseBody } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 24 * HOUR;

/** A busy clerk's drill-down read page by page: every contact once, newest first, however the pages fall. */
describe('GET /staff/{id}/contacts: pages of a clerk with 130 contacts', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let clerkId: string;
  let otherClerkContact: string;
  let followedContact: string;
  /** The clerk's 130 contacts in the period, as a manager must see them: by `at` then id, newest first. */
  let expected: string[];

  const contact = async (
    staffId: string,
    memberId: string,
    at: number,
  ): Promise<{ id: string; at: number }> => ({
    id: await insertContact(ds, staffId, memberId, at),
    at,
  });

  const page = async (query: string): Promise<ClerkContacts> =>
    (await club.request.get(`${API}/staff/${clerkId}/contacts${query}`).set(bearer(managerToken)).expect(200))
      .body;

  /** Every page from the first, following `nextCursor`. */
  async function readAll(limit?: number): Promise<{ pages: ClerkContact[][]; items: ClerkContact[] }> {
    const pages: ClerkContact[][] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams();
      if (limit !== undefined) params.set('limit', String(limit));
      if (cursor !== null) params.set('cursor', cursor);
      const body = await page(`?${params.toString()}`);
      pages.push(body.items);
      cursor = body.nextCursor;
      if (cursor !== null) expect(cursor).toBe(body.items[body.items.length - 1]!.id);
      expect(pages.length).toBeLessThan(40);
    } while (cursor !== null);
    return { pages, items: pages.flat() };
  }

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    const storeId = (await createStore(club.request, managerToken)).id;
    clerkId = (await createClerk(club.request, managerToken, storeId)).id;
    const otherClerk = (await createClerk(club.request, managerToken, storeId)).id;
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await joinMember(club.request, { name: `翻页会员${i}` }));

    // 130 contacts over the last 20 days; every fifth instant is shared by three contacts (a clerk greeting
    // several members at once), so page ends fall inside ties and only the id tells them apart.
    const now = Date.now();
    const made: Array<{ id: string; at: number }> = [];
    let at = now - 20 * DAY;
    for (let i = 0; made.length < 130; i++) {
      at += 3 * HOUR;
      const tied = i % 5 === 0 ? 3 : 1;
      for (let t = 0; t < tied && made.length < 130; t++)
        made.push(await contact(clerkId, members[(i + t) % 3]!.id, at));
      // Another clerk's contacts between hers: never on her pages.
      if (i % 10 === 0) otherClerkContact = (await contact(otherClerk, members[0]!.id, at)).id;
    }
    // Hers, but 40 days ago: outside the default 30-day period.
    await contact(clerkId, members[1]!.id, now - 40 * DAY);
    expected = [...made].sort((a, b) => b.at - a.at || Number(b.id) - Number(a.id)).map((c) => c.id);

    // A purchase two hours after her newest contact: that contact, on the first page, shows it as what followed.
    const followed = made[made.length - 1]!;
    followedContact = followed.id;
    const member = (await ds.query('SELECT member_id FROM member_contacts WHERE id = ?', [followed.id]))[0]
      .member_id as string | number;
    await club.request
      .post(`${API}/purchases`)
      .set(bearer(managerToken))
      .send(
        purchaseBody(
          storeId,
          { memberId: String(member) },
          { amount: 52_000, occurredAt: new Date(followed.at + 2 * HOUR).toISOString() },
        ),
      )
      .expect(201);
  });
  afterAll(async () => {
    await club?.close();
  });

  it('with no limit, pages of 50 (what the mini-program gets today) read all 130 once, newest first', async () => {
    const { pages, items } = await readAll();
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    expect(items.map((c) => c.id)).toEqual(expected);
    expect(items.map((c) => c.id)).not.toContain(otherClerkContact);
    const followed = items.find((c) => c.id === followedContact)!;
    expect(followed.followedBy).toEqual({ kind: 'purchase', at: expect.any(String), amount: 52_000 });
  });

  it('pages of 7 split the tied contacts and still read each once, in order', async () => {
    const { pages, items } = await readAll(7);
    expect(pages).toHaveLength(Math.ceil(130 / 7));
    expect(items.map((c) => c.id)).toEqual(expected);
  });

  it('pages of 100 (the most) then the last 30; limit 101 and 0 are 400', async () => {
    const first = await page('?limit=100');
    expect(first.items.map((c) => c.id)).toEqual(expected.slice(0, 100));
    const second = await page(`?limit=100&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(second.items.map((c) => c.id)).toEqual(expected.slice(100));
    for (const limit of ['101', '0', 'x']) {
      const bad = await club.request
        .get(`${API}/staff/${clerkId}/contacts?limit=${limit}`)
        .set(bearer(managerToken));
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([{ path: 'limit', message: expect.any(String) }]);
    }
  });

  it.each([
    ['not an id', () => 'abc'],
    ['no such contact', () => '999999999'],
    ['another clerk’s contact', () => otherClerkContact],
  ])('a bad cursor (%s) is 400 naming cursor', async (_label, cursor) => {
    const bad = await club.request
      .get(`${API}/staff/${clerkId}/contacts?cursor=${encodeURIComponent(cursor())}`)
      .set(bearer(managerToken));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});
