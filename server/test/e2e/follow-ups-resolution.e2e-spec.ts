// Follow-ups through HTTP on MariaDB: a low event rating becomes a task for the hosting store (or the
// member's home store when the event has none), with its two deadlines; clerks see and resolve only
// their own store's, managers every store's; resolving twice is a conflict.
import type { FollowUp, Paginated } from '@vip-club/shared';
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
import {
  checkInOk,
  eventTimesFrom,
  freezeClock,
  registerOk,
  thawClock,
} from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('follow-ups of low ratings', () => {
  let club: TestApp;
  let managerToken: string;
  let host: StoreAndClerk;
  let home: StoreAndClerk;
  const startsAt = Math.ceil((Date.now() + 2 * MINUTE) / 1000) * 1000;
  const times = eventTimesFrom(startsAt, 3 * HOUR);

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    host = await createStoreAndClerk(club.request, managerToken);
    home = await createStoreAndClerk(club.request, managerToken);
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  /** A member who attended `eventId` and rates it `rating` just after it starts. */
  async function rate(member: JoinedMember, eventId: string, rating: number, comment: string): Promise<void> {
    const ticket = await registerOk(club.request, member.accessToken, eventId);
    await checkInOk(club.request, managerToken, eventId, ticket.ticketCode);
    freezeClock(startsAt + MINUTE);
    await club.request
      .post(`${API}/events/${eventId}/feedback`)
      .set(bearer(member.accessToken))
      .send({ rating, comment })
      .expect(201);
    thawClock();
  }

  const list = async (token: string, query = ''): Promise<Paginated<FollowUp>> =>
    (await club.request.get(`${API}/staff/follow-ups${query}`).set(bearer(token)).expect(200)).body;
  const resolve = (token: string, id: string, note: unknown) =>
    club.request.post(`${API}/follow-ups/${id}/resolution`).set(bearer(token)).send({ note });

  it('goes to the hosting store, or to the member’s home store when the event has none', async () => {
    const hosted = await createPublishedEvent(club.request, managerToken, {
      ...times,
      storeId: host.store.id,
    });
    const storeless = await createPublishedEvent(club.request, managerToken, times);
    const member = await joinMember(club.request, { storeId: home.store.id });
    await rate(member, hosted.id, 1, '服务冷淡');
    await rate(member, storeless.id, 3, '一般');

    const hostList = await list(host.clerkToken);
    expect(hostList.items.map((f) => [f.refId, f.rating, f.storeId])).toEqual([
      [hosted.id, 1, host.store.id],
    ]);
    const homeList = await list(home.clerkToken);
    expect(homeList.items.map((f) => [f.refId, f.rating, f.storeId])).toEqual([
      [storeless.id, 3, home.store.id],
    ]);
    const all = await list(managerToken);
    expect(all.items.map((f) => f.refId)).toEqual(expect.arrayContaining([hosted.id, storeless.id]));
  });

  it('is resolved once by a clerk of its store or a manager, and shows as overdue past its deadline', async () => {
    const event = await createPublishedEvent(club.request, managerToken, {
      ...times,
      storeId: host.store.id,
    });
    const [a, b] = [await joinMember(club.request), await joinMember(club.request)];
    await rate(a, event.id, 2, '灯光太暗');
    await rate(b, event.id, 1, '排队太久');
    const open = (await list(host.clerkToken)).items.filter((f) => f.refId === event.id);
    expect(open).toHaveLength(2);
    const [first, second] = open;

    // Three working hours in the store's hours: overdue from the deadline it shows, not 3 clock hours on.
    freezeClock(Date.parse(first.resolveDueAt) + 1);
    // A token issued at that hour: the suite's own expired long before.
    const lateToken = (await loginManager(club.request)).accessToken;
    expect((await list(lateToken)).items.find((f) => f.id === first.id)?.isOverdue).toBe(true);
    thawClock();

    expect((await resolve(home.clerkToken, first.id, '已致电').expect(403)).body.error.code).toBe(
      'FORBIDDEN',
    );
    const done = (await resolve(host.clerkToken, first.id, ' 已致电致歉，赠送茶点券 ').expect(200))
      .body as FollowUp;
    expect(done).toMatchObject({
      id: first.id,
      status: 'resolved',
      resolvedByStaffId: host.clerk.id,
      resolutionNote: '已致电致歉，赠送茶点券',
      isOverdue: false,
    });
    expect((await resolve(managerToken, first.id, '再次').expect(409)).body.error.code).toBe('CONFLICT');
    await resolve(managerToken, second.id, '店长回访').expect(200);

    expect((await list(host.clerkToken)).items.filter((f) => f.refId === event.id)).toEqual([]);
    const resolved = await list(host.clerkToken, '?status=resolved');
    expect(resolved.items.filter((f) => f.refId === event.id).map((f) => f.id)).toEqual([
      first.id,
      second.id,
    ]);
  });

  it('refuses bad input and other roles', async () => {
    const member = await joinMember(club.request);
    await club.request.get(`${API}/staff/follow-ups`).set(bearer(member.accessToken)).expect(403);
    expect(fieldsOf((await resolve(managerToken, '1', '').expect(400)).body)).toEqual(['note']);
    expect(fieldsOf((await resolve(managerToken, 'x', 'ok').expect(400)).body)).toEqual(['id']);
    await resolve(managerToken, '999999999', 'ok').expect(404);
    const bad = await club.request
      .get(`${API}/staff/follow-ups?status=late`)
      .set(bearer(managerToken))
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['status']);
  });
});
