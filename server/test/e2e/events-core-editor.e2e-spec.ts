// The manager's event editor through HTTP on MariaDB: create, edit (with the stored-other-half time
// checks), publish, cancel, the staff reads, and every bad input and role refused with the
// contract's errors, never a 500.
import type { ClubEvent, CreateEventInput, Paginated } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { createEvent, createPublishedEvent, DAY, eventBody, HOUR, isoIn } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events: the manager’s editor', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let memberToken: string;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    memberToken = (await joinMember(club.request)).accessToken;
  });
  afterAll(async () => {
    await club?.close();
  });

  const post = (path: string, token: string, body: unknown) =>
    club.request
      .post(`${API}${path}`)
      .set(bearer(token))
      .send(body as object);
  const patch = (id: string, body: unknown, token = managerToken) =>
    club.request
      .patch(`${API}/events/${id}`)
      .set(bearer(token))
      .send(body as object);

  async function expect400(res: { status: number; body: { error: { code: string } } }, field: string) {
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res.body as never)).toContain(field);
  }

  describe('POST /events', () => {
    it('creates a draft with every field as given, counters at zero', async () => {
      const body = eventBody({
        storeId: shop.store.id,
        coverImageUrl: 'https://img.example.com/cover.jpg',
        capacity: 120,
        pointsCost: 500,
        guestsAllowed: 2,
        eligibility: { tiers: ['gold', 'diamond'], ageBands: ['30_34'], interests: ['茶道'] },
        registration: {
          opensAt: isoIn(2 * DAY),
          closesAt: isoIn(5 * DAY),
          priorityTiers: ['diamond'],
          priorityOpensAt: isoIn(DAY),
        },
      });
      const res = await post('/events', managerToken, body).expect(201);
      const event = res.body as ClubEvent;
      expect(event).toMatchObject({
        title: body.title,
        kind: 'lecture',
        storeId: shop.store.id,
        coverImageUrl: 'https://img.example.com/cover.jpg',
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        capacity: 120,
        pointsCost: 500,
        guestsAllowed: 2,
        eligibility: { tiers: ['gold', 'diamond'], ageBands: ['30_34'], interests: ['茶道'] },
        registration: body.registration,
        status: 'draft',
        confirmedSeats: 0,
        seatsLeft: 120,
        waitlisted: 0,
        checkedInSeats: 0,
        invited: 0,
        publishedAt: null,
        cancelledAt: null,
        cancelReason: null,
      });
      expect(event.id).toMatch(/^\d+$/);
      const again = await club.request.get(`${API}/events/${event.id}`).set(bearer(managerToken)).expect(200);
      expect(again.body).toEqual(event);
    });

    const bad: Array<[string, Partial<CreateEventInput> | Record<string, unknown>, string]> = [
      ['ends before it starts', { endsAt: isoIn(6 * DAY) }, 'endsAt'],
      [
        'registration closing after the start',
        { registration: { opensAt: isoIn(-HOUR), closesAt: isoIn(8 * DAY) } },
        'registration.closesAt',
      ],
      [
        'a priority start without priority tiers',
        { registration: { opensAt: isoIn(DAY), closesAt: isoIn(2 * DAY), priorityOpensAt: isoIn(HOUR) } },
        'registration.priorityOpensAt',
      ],
      [
        'a priority start after the general opening',
        {
          registration: {
            opensAt: isoIn(DAY),
            closesAt: isoIn(2 * DAY),
            priorityTiers: ['gold'],
            priorityOpensAt: isoIn(DAY + HOUR),
          },
        },
        'registration.priorityOpensAt',
      ],
      ['capacity 0', { capacity: 0 }, 'capacity'],
      ['capacity 100,001', { capacity: 100_001 }, 'capacity'],
      ['5 guests', { guestsAllowed: 5 }, 'guestsAllowed'],
      ['an unknown field', { dressCode: 'black tie' }, 'dressCode'],
      ['an unknown kind', { kind: 'concert' }, 'kind'],
      ['a time without offset', { startsAt: '2030-01-01T10:00:00' }, 'startsAt'],
      ['an unknown tier', { eligibility: { tiers: ['platinum'] } }, 'eligibility.tiers.0'],
      ['an unknown eligibility criterion', { eligibility: { cities: ['上海'] } }, 'eligibility.cities'],
      ['negative points', { pointsCost: -1 }, 'pointsCost'],
    ];
    it.each(bad)('refuses %s: 400 naming the field', async (_what, overrides, field) => {
      await expect400(await post('/events', managerToken, { ...eventBody(), ...overrides }), field);
    });

    it('refuses an unknown hosting store or invited store: 400 naming the field', async () => {
      await expect400(await post('/events', managerToken, eventBody({ storeId: '999999' })), 'storeId');
      await expect400(
        await post(
          '/events',
          managerToken,
          eventBody({ eligibility: { storeIds: [shop.store.id, '999999'] } }),
        ),
        'eligibility.storeIds.1',
      );
    });

    it('refuses a body that is not an object, and a missing field', async () => {
      await expect400(await post('/events', managerToken, []), '');
      const { title: _omitted, ...rest } = eventBody();
      await expect400(await post('/events', managerToken, rest), 'title');
    });

    it('is for managers only: member and clerk 403, no token 401', async () => {
      expect((await post('/events', memberToken, eventBody())).status).toBe(403);
      expect((await post('/events', shop.clerkToken, eventBody())).status).toBe(403);
      const anonymous = await club.request.post(`${API}/events`).send(eventBody());
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('PATCH /events/{id}', () => {
    it('changes only the fields given and keeps the rest', async () => {
      const event = await createEvent(club.request, managerToken);
      const res = await patch(event.id, { title: '母亲节感恩晚宴', kind: 'banquet', capacity: 80 }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        ...event,
        title: '母亲节感恩晚宴',
        kind: 'banquet',
        capacity: 80,
        seatsLeft: 80,
        updatedAt: expect.any(String),
      });
    });

    it('checks a time given alone against the stored other half', async () => {
      const event = await createEvent(club.request, managerToken);
      // Stored: starts in 7 days, ends 3 hours later, registration closes 6 days from now.
      await expect400(await patch(event.id, { endsAt: isoIn(6 * DAY + 12 * HOUR) }), 'endsAt');
      await expect400(await patch(event.id, { startsAt: isoIn(8 * DAY) }), 'endsAt');
      await expect400(
        await patch(event.id, { startsAt: isoIn(5 * DAY), endsAt: isoIn(5 * DAY + HOUR) }),
        'registration.closesAt',
      );
      await expect400(
        await patch(event.id, { registration: { opensAt: isoIn(-HOUR), closesAt: isoIn(7 * DAY + HOUR) } }),
        'registration.closesAt',
      );
      // Moving both halves together is fine.
      const moved = await patch(event.id, {
        startsAt: isoIn(10 * DAY),
        endsAt: isoIn(10 * DAY + HOUR),
      }).expect(200);
      expect(moved.body.startsAt).toBe(new Date(Date.parse(moved.body.endsAt) - HOUR).toISOString());
    });

    it('refuses an empty change, bad values and unknown stores with 400', async () => {
      const event = await createEvent(club.request, managerToken);
      await expect400(await patch(event.id, {}), '');
      await expect400(await patch(event.id, { capacity: 0 }), 'capacity');
      await expect400(await patch(event.id, { guestsAllowed: 4 }), 'guestsAllowed');
      await expect400(await patch(event.id, { colour: 'red' }), 'colour');
      await expect400(await patch(event.id, { storeId: '999999' }), 'storeId');
    });

    it('lets a draft change who is invited, but not a published event (409)', async () => {
      const draft = await createEvent(club.request, managerToken);
      const changed = await patch(draft.id, { eligibility: { tiers: ['gold'] } }).expect(200);
      expect(changed.body.eligibility).toEqual({ tiers: ['gold'] });

      const published = await createPublishedEvent(club.request, managerToken, {
        eligibility: { tiers: ['gold', 'silver'] },
      });
      const refused = await patch(published.id, { eligibility: { tiers: ['gold'] } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      // The same eligibility, in another order, is no change.
      await patch(published.id, { eligibility: { tiers: ['silver', 'gold'] }, venue: '北京国贸店' }).expect(
        200,
      );
    });

    it('refuses edits of a cancelled event (409), unknown ids (404) and bad ids (400)', async () => {
      const event = await createEvent(club.request, managerToken);
      await post(`/events/${event.id}/cancellation`, managerToken, { reason: '场地检修' }).expect(200);
      const refused = await patch(event.id, { title: '改期' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      expect((await patch('999999', { title: '无' })).status).toBe(404);
      await expect400(await patch('abc', { title: '无' }), 'id');
    });

    it('is for managers only', async () => {
      const event = await createEvent(club.request, managerToken);
      expect((await patch(event.id, { title: '店员改' }, shop.clerkToken)).status).toBe(403);
      expect((await patch(event.id, { title: '会员改' }, memberToken)).status).toBe(403);
      expect((await club.request.patch(`${API}/events/${event.id}`).send({ title: 'x' })).status).toBe(401);
    });
  });

  describe('publication and cancellation', () => {
    it('publishes a draft once; again is 409', async () => {
      const event = await createEvent(club.request, managerToken);
      const res = await post(`/events/${event.id}/publication`, managerToken, {}).expect(200);
      expect(res.body).toMatchObject({ id: event.id, status: 'published', publishedAt: expect.any(String) });
      const again = await post(`/events/${event.id}/publication`, managerToken, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
    });

    it('cancels with a reason; again is 409; a cancelled event cannot be published', async () => {
      const event = await createPublishedEvent(club.request, managerToken);
      const res = await post(`/events/${event.id}/cancellation`, managerToken, { reason: '台风停航' }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        status: 'cancelled',
        cancelReason: '台风停航',
        cancelledAt: expect.any(String),
      });
      expect(
        (await post(`/events/${event.id}/cancellation`, managerToken, { reason: '再取消' })).status,
      ).toBe(409);
      expect((await post(`/events/${event.id}/publication`, managerToken, {})).status).toBe(409);
    });

    it('requires a reason, and knows unknown events', async () => {
      const event = await createEvent(club.request, managerToken);
      await expect400(await post(`/events/${event.id}/cancellation`, managerToken, {}), 'reason');
      await expect400(
        await post(`/events/${event.id}/cancellation`, managerToken, { reason: '  ' }),
        'reason',
      );
      expect((await post('/events/999999/cancellation', managerToken, { reason: '无' })).status).toBe(404);
      expect((await post('/events/999999/publication', managerToken, {})).status).toBe(404);
    });

    it('is for managers only', async () => {
      const event = await createEvent(club.request, managerToken);
      expect((await post(`/events/${event.id}/publication`, shop.clerkToken, {})).status).toBe(403);
      expect((await post(`/events/${event.id}/publication`, memberToken, {})).status).toBe(403);
      expect((await post(`/events/${event.id}/cancellation`, shop.clerkToken, { reason: 'x' })).status).toBe(
        403,
      );
      expect((await club.request.post(`${API}/events/${event.id}/publication`)).status).toBe(401);
    });
  });

  describe('staff reads', () => {
    it('managers see every status (and filter by it), latest start first, page by page', async () => {
      const draft = await createEvent(club.request, managerToken, {
        startsAt: isoIn(30 * DAY),
        endsAt: isoIn(30 * DAY + HOUR),
      });
      const published = await createPublishedEvent(club.request, managerToken, {
        startsAt: isoIn(31 * DAY),
        endsAt: isoIn(31 * DAY + HOUR),
      });
      const seen: ClubEvent[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = { limit: '2', ...(cursor === null ? {} : { cursor }) };
        const res = await club.request
          .get(`${API}/events`)
          .query(query)
          .set(bearer(managerToken))
          .expect(200);
        const page = res.body as Paginated<ClubEvent>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      expect(seen[0].id).toBe(published.id);
      expect(seen[1].id).toBe(draft.id);
      const starts = seen.map((e) => Date.parse(e.startsAt));
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
      expect(seen.map((e) => e.status)).toEqual(expect.arrayContaining(['draft', 'published', 'cancelled']));

      const drafts = await club.request
        .get(`${API}/events?status=draft`)
        .set(bearer(managerToken))
        .expect(200);
      expect((drafts.body as Paginated<ClubEvent>).items.every((e) => e.status === 'draft')).toBe(true);
      await expect400(
        await club.request.get(`${API}/events?status=open`).set(bearer(managerToken)),
        'status',
      );
      await expect400(await club.request.get(`${API}/events?cursor=x`).set(bearer(managerToken)), 'cursor');
    });

    it('clerks see published events only, as ClubEvent', async () => {
      const draft = await createEvent(club.request, managerToken);
      const published = await createPublishedEvent(club.request, managerToken);
      const res = await club.request.get(`${API}/events?limit=100`).set(bearer(shop.clerkToken)).expect(200);
      const ids = (res.body as Paginated<ClubEvent>).items.map((e) => e.id);
      expect(ids).toContain(published.id);
      expect(ids).not.toContain(draft.id);
      expect((res.body as Paginated<ClubEvent>).items.every((e) => e.status === 'published')).toBe(true);
      await club.request.get(`${API}/events/${published.id}`).set(bearer(shop.clerkToken)).expect(200);
      expect((await club.request.get(`${API}/events/${draft.id}`).set(bearer(shop.clerkToken))).status).toBe(
        404,
      );
      const drafts = await club.request
        .get(`${API}/events?status=draft`)
        .set(bearer(shop.clerkToken))
        .expect(200);
      expect(drafts.body.items).toEqual([]);
    });

    it('needs a token', async () => {
      expect((await club.request.get(`${API}/events`)).status).toBe(401);
      expect((await club.request.get(`${API}/events/1`)).status).toBe(401);
    });
  });
});
