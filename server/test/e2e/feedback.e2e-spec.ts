// Member feedback through HTTP on MariaDB: what may be rated (own purchase, attended event, existing
// store), which store a low rating goes to, and follow-up deadlines counted in that store's opening
// hours on the club clock (Asia/Shanghai): inside hours, across a closing, over a closed day.
import type { Feedback, FollowUp, Paginated, StoreWithHours, WeeklyHours } from '@vip-club/shared';
import { DEFAULT_OPENING_HOURS } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  type JoinedMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { createPublishedEvent, HOUR, MINUTE } from '../factories/events.factory';
import { purchaseBody, recordPurchase } from '../factories/points.factory';
import {
  checkInOk,
  eventTimesFrom,
  freezeClock,
  registerOk,
  thawClock,
} from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('feedback', () => {
  let club: TestApp;
  afterEach(() => thawClock());
  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  const give = (member: JoinedMember, body: Record<string, unknown>) =>
    club.request.post(`${API}/feedback`).set(bearer(member.accessToken)).send(body);
  const followUp = async (token: string, id: string): Promise<FollowUp> => {
    const page = (await club.request.get(`${API}/staff/follow-ups?limit=100`).set(bearer(token)).expect(200))
      .body as Paginated<FollowUp>;
    const found = page.items.find((f) => f.id === id);
    if (!found) throw new Error(`follow-up ${id} not listed`);
    return found;
  };

  /**
   * At club time `at` (ISO with +08:00): a store with `hours`, a member at home there, and a low store
   * rating; answers the follow-up's two deadlines.
   */
  async function deadlinesAt(at: string, hours?: WeeklyHours): Promise<[string, string]> {
    freezeClock(new Date(at));
    const managerToken = (await loginManager(club.request)).accessToken;
    const { store } = await createStoreAndClerk(club.request, managerToken);
    if (hours) {
      const patched = await club.request
        .patch(`${API}/stores/${store.id}`)
        .set(bearer(managerToken))
        .send({ openingHours: hours })
        .expect(200);
      expect((patched.body as StoreWithHours).openingHours).toEqual(hours);
    }
    const member = await joinMember(club.request, { storeId: store.id });
    const feedback = (await give(member, { subject: 'store', rating: 2, comment: '等太久' }).expect(201))
      .body as Feedback;
    expect(feedback.storeId).toBe(store.id);
    const f = await followUp(managerToken, feedback.followUpId as string);
    expect(f).toMatchObject({ storeId: store.id, subject: 'store', rating: 2, status: 'open' });
    return [f.firstResponseDueAt, f.resolveDueAt];
  }

  // 2027-01-04 is a Monday.
  it('counts the deadlines inside opening hours', async () => {
    expect(await deadlinesAt('2027-01-04T14:00:00+08:00')).toEqual([
      new Date('2027-01-04T14:15:00+08:00').toISOString(),
      new Date('2027-01-04T17:00:00+08:00').toISOString(),
    ]);
  });

  it('carries them across the closing to the next morning (21:55 → 10:10)', async () => {
    expect(await deadlinesAt('2027-01-04T21:55:00+08:00')).toEqual([
      new Date('2027-01-05T10:10:00+08:00').toISOString(),
      new Date('2027-01-05T12:55:00+08:00').toISOString(),
    ]);
  });

  it("skips a day the store is closed and uses the store's own hours", async () => {
    const hours: WeeklyHours = {
      ...DEFAULT_OPENING_HOURS,
      tue: null,
      wed: { open: '11:00', close: '20:00' },
    };
    expect(await deadlinesAt('2027-01-04T21:55:00+08:00', hours)).toEqual([
      new Date('2027-01-06T11:10:00+08:00').toISOString(),
      new Date('2027-01-06T13:55:00+08:00').toISOString(),
    ]);
    // Opened on the closed day itself: the count starts at Wednesday's opening.
    expect(await deadlinesAt('2027-01-05T15:00:00+08:00', hours)).toEqual([
      new Date('2027-01-06T11:15:00+08:00').toISOString(),
      new Date('2027-01-06T14:00:00+08:00').toISOString(),
    ]);
  });

  describe('what is rated', () => {
    let managerToken: string;
    let home: StoreAndClerk;
    let shop: StoreAndClerk;
    let member: JoinedMember;
    beforeAll(async () => {
      managerToken = (await loginManager(club.request)).accessToken;
      home = await createStoreAndClerk(club.request, managerToken);
      shop = await createStoreAndClerk(club.request, managerToken);
      member = await joinMember(club.request, { storeId: home.store.id });
    });

    it("sends a low purchase rating to the purchase's store and keeps a high one without follow-up", async () => {
      const purchase = await recordPurchase(
        club.request,
        shop.clerkToken,
        purchaseBody(shop.store.id, { memberId: member.id }),
      );
      const purchaseId = purchase.purchase.id;
      // A photo comes only from POST /feedback/photos: staff phones would load any other address.
      const elsewhere = await give(member, {
        subject: 'purchase',
        refId: purchaseId,
        rating: 3,
        comment: '刻字有误',
        photoUrl: 'https://img.example.com/ring.jpg',
      }).expect(400);
      expect(fieldsOf(elsewhere.body)).toEqual(['photoUrl']);
      const low = (
        await give(member, { subject: 'purchase', refId: purchaseId, rating: 3, comment: '刻字有误' }).expect(
          201,
        )
      ).body as Feedback;
      expect(low).toMatchObject({
        subject: 'purchase',
        refId: purchaseId,
        storeId: shop.store.id,
        rating: 3,
        photoUrl: null,
      });
      expect((await followUp(shop.clerkToken, low.followUpId as string)).refId).toBe(purchaseId);

      const high = (
        await give(member, { subject: 'purchase', refId: purchaseId, rating: 4, comment: '满意' }).expect(201)
      ).body as Feedback;
      expect(high.followUpId).toBeNull();

      // Someone else's purchase is not theirs to rate.
      const other = await joinMember(club.request);
      const refused = await give(other, {
        subject: 'purchase',
        refId: purchaseId,
        rating: 1,
        comment: 'x',
      }).expect(404);
      expect(refused.body.error.code).toBe('NOT_FOUND');
      expect(refused.body.error.details).toEqual({ field: 'refId' });
    });

    it('sends a low event rating to the host, only from a member who attended', async () => {
      const startsAt = Math.ceil((Date.now() + 2 * MINUTE) / 1000) * 1000;
      const event = await createPublishedEvent(club.request, managerToken, {
        ...eventTimesFrom(startsAt, 3 * HOUR),
        storeId: shop.store.id,
      });
      const absent = await joinMember(club.request);
      expect(
        (await give(absent, { subject: 'event', refId: event.id, rating: 1, comment: '无' }).expect(409)).body
          .error.code,
      ).toBe('NOT_ATTENDED');
      const ticket = await registerOk(club.request, member.accessToken, event.id);
      await checkInOk(club.request, managerToken, event.id, ticket.ticketCode);
      const rated = (
        await give(member, { subject: 'event', refId: event.id, rating: 2, comment: '太挤' }).expect(201)
      ).body as Feedback;
      expect(rated.storeId).toBe(shop.store.id);
      expect(rated.followUpId).not.toBeNull();
      await give(member, { subject: 'event', refId: '999999999', rating: 2, comment: '?' }).expect(404);
    });

    it('sends a store rating to the named store, and "other" to the home store', async () => {
      const named = (
        await give(member, { subject: 'store', refId: shop.store.id, rating: 1, comment: '冷淡' }).expect(201)
      ).body as Feedback;
      expect(named.storeId).toBe(shop.store.id);
      const other = (await give(member, { subject: 'other', rating: 2, comment: '小程序太慢' }).expect(201))
        .body as Feedback;
      expect(other.storeId).toBe(home.store.id);
      expect((await followUp(home.clerkToken, other.followUpId as string)).subject).toBe('other');
      await give(member, { subject: 'store', refId: '999999999', rating: 1, comment: 'x' }).expect(404);
    });

    it('refuses bad input and anyone but a member', async () => {
      const bad = async (body: Record<string, unknown>) =>
        fieldsOf((await give(member, body).expect(400)).body);
      expect(await bad({ subject: 'store', rating: 0, comment: 'x' })).toEqual(['rating']);
      expect(await bad({ subject: 'store', rating: 6, comment: 'x' })).toEqual(['rating']);
      expect(await bad({ subject: 'store', rating: 2.5, comment: 'x' })).toEqual(['rating']);
      expect(await bad({ subject: 'gift', rating: 2, comment: 'x' })).toEqual(['subject']);
      expect(await bad({ subject: 'purchase', rating: 2, comment: 'x' })).toEqual(['refId']);
      expect(await bad({ subject: 'other', refId: home.store.id, rating: 2, comment: 'x' })).toEqual([
        'refId',
      ]);
      expect(await bad({ subject: 'store', refId: 'abc', rating: 2, comment: 'x' })).toEqual(['refId']);
      expect(await bad({ subject: 'store', rating: 2, comment: 'x'.repeat(1001) })).toEqual(['comment']);
      expect(await bad({ subject: 'store', rating: 2, comment: 'x', photoUrl: 'http://a.b/c.jpg' })).toEqual([
        'photoUrl',
      ]);
      expect(await bad({ subject: 'store', rating: 2, comment: 'x', extra: 1 })).toEqual(['extra']);
      await club.request
        .post(`${API}/feedback`)
        .set(bearer(home.clerkToken))
        .send({ subject: 'other', rating: 2, comment: 'x' })
        .expect(403);
      await club.request
        .post(`${API}/feedback`)
        .send({ subject: 'other', rating: 2, comment: 'x' })
        .expect(401);
    });

    it('lets only managers set valid store hours', async () => {
      const patch = (token: string, id: string, body: object) =>
        club.request.patch(`${API}/stores/${id}`).set(bearer(token)).send(body);
      await patch(home.clerkToken, home.store.id, { openingHours: DEFAULT_OPENING_HOURS }).expect(403);
      await patch(managerToken, '999999999', { openingHours: DEFAULT_OPENING_HOURS }).expect(404);
      const inverted = await patch(managerToken, home.store.id, {
        openingHours: { ...DEFAULT_OPENING_HOURS, mon: { open: '22:00', close: '10:00' } },
      }).expect(400);
      expect(fieldsOf(inverted.body)).toEqual(['openingHours.mon.close']);
      const allClosed = Object.fromEntries(Object.keys(DEFAULT_OPENING_HOURS).map((d) => [d, null]));
      await patch(managerToken, home.store.id, { openingHours: allClosed }).expect(400);
      await patch(managerToken, home.store.id, { openingHours: { mon: null } }).expect(400);
    });
  });
});
