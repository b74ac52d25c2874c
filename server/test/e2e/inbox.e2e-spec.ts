// The member's inbox state over HTTP on MariaDB: the unread count against the read mark, marking read
// (the mark only rises and never runs past the member's own notices), replies stored once per kind and
// listed back to their member only, another member's notice answered 404, the member role only, and
// bad input as the contract's 400.
import type { InboxItem, InboxReplies, InboxReply, InboxUnreadCount, Paginated } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  type JoinedMember,
  type StoreAndClerk,
  unique,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import { DataSource } from 'typeorm';

describe('member inbox: unread count, read mark, replies', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  /**
   * Queues `n` notices for the member through the club's outbox (as the events and greetings modules
   * do in their transactions) and delivers them; answers the member's inbox, newest first.
   */
  const notify = async (member: JoinedMember, n: number): Promise<InboxItem[]> => {
    const outbox = club.app.get(OutboxService);
    await club.app.get(DataSource).transaction((em) =>
      outbox.enqueue(
        em,
        Array.from({ length: n }, (_, i) => ({
          memberId: member.id,
          topic: 'greeting',
          ref: unique('inbox-test:'),
          title: '来自门店的问候',
          body: `您好，这是第 ${i + 1} 封问候。`,
        })),
      ),
    );
    await outbox.dispatchAll();
    const res = await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200);
    return (res.body as Paginated<InboxItem>).items;
  };
  const unread = async (member: JoinedMember) =>
    (await club.request.get(`${API}/me/inbox/unread-count`).set(bearer(member.accessToken)).expect(200))
      .body as InboxUnreadCount;
  const markRead = (member: JoinedMember, upToId: unknown) =>
    club.request.post(`${API}/me/inbox/read`).set(bearer(member.accessToken)).send({ upToId });
  const reply = (token: string, noticeId: string, kind: unknown) =>
    club.request.post(`${API}/me/inbox/${noticeId}/reply`).set(bearer(token)).send({ kind });

  it('counts the notices above the mark, which only rises', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    expect(await unread(member)).toEqual({ count: 0, lastReadId: null });
    const items = await notify(member, 3); // newest first
    expect(await unread(member)).toEqual({ count: 3, lastReadId: null });

    const middle = items[1]!;
    expect((await markRead(member, middle.id).expect(200)).body).toEqual({ count: 1, lastReadId: middle.id });
    // An older screen marking late leaves the mark where it is.
    expect((await markRead(member, items[2]!.id).expect(200)).body).toEqual({
      count: 1,
      lastReadId: middle.id,
    });
    expect(await unread(member)).toEqual({ count: 1, lastReadId: middle.id });

    // An id past the member's notices marks up to their newest, not beyond: a later notice is unread.
    const farAhead = (BigInt(items[0]!.id) + 1_000_000n).toString();
    expect((await markRead(member, farAhead).expect(200)).body).toEqual({
      count: 0,
      lastReadId: items[0]!.id,
    });
    const [newest] = await notify(member, 1);
    expect(BigInt(newest!.id)).toBeLessThan(BigInt(farAhead));
    expect(await unread(member)).toEqual({ count: 1, lastReadId: items[0]!.id });
  });

  it("never counts or marks with another member's notices", async () => {
    const one = await joinMember(club.request, { storeId: shop.store.id });
    const other = await joinMember(club.request, { storeId: shop.store.id });
    const [theirs] = await notify(other, 1);
    // `one` has no notice at or below that id: nothing to mark.
    expect((await markRead(one, theirs!.id).expect(200)).body).toEqual({ count: 0, lastReadId: null });
    expect(await unread(other)).toEqual({ count: 1, lastReadId: null });
  });

  it('stores each reply once per notice and kind', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const [notice] = await notify(member, 1);
    const first = (await reply(member.accessToken, notice!.id, 'thanks').expect(201)).body as InboxReply;
    expect(first).toEqual({ noticeId: notice!.id, kind: 'thanks', repliedAt: expect.any(String) });
    const again = (await reply(member.accessToken, notice!.id, 'thanks').expect(201)).body as InboxReply;
    expect(again).toEqual(first);
    const callMe = (await reply(member.accessToken, notice!.id, 'call_me').expect(201)).body as InboxReply;
    expect(callMe.kind).toBe('call_me');

    const [other] = await notify(member, 1);
    const listed = await club.request
      .get(`${API}/me/inbox/replies?noticeIds=${notice!.id},${other!.id}`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect((listed.body as InboxReplies).items).toEqual([callMe, first]);

    const rows: Array<{ kind: string; member_id: string | number }> = await club.app
      .get(DataSource)
      .query('SELECT kind, member_id FROM inbox_replies WHERE notice_id = ? ORDER BY kind', [notice!.id]);
    expect(rows.map((r) => [r.kind, String(r.member_id)])).toEqual([
      ['call_me', member.id],
      ['thanks', member.id],
    ]);
  });

  it("answers another member's notice, or one that does not exist, 404", async () => {
    const owner = await joinMember(club.request, { storeId: shop.store.id });
    const stranger = await joinMember(club.request, { storeId: shop.store.id });
    const [notice] = await notify(owner, 1);
    const res = await reply(stranger.accessToken, notice!.id, 'call_me').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    await reply(owner.accessToken, '999999999999', 'thanks').expect(404);
    // Nor are its replies listed to anyone else.
    await reply(owner.accessToken, notice!.id, 'thanks').expect(201);
    const listed = await club.request
      .get(`${API}/me/inbox/replies?noticeIds=${notice!.id}`)
      .set(bearer(stranger.accessToken))
      .expect(200);
    expect((listed.body as InboxReplies).items).toEqual([]);
    const [count] = await club.app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM inbox_replies WHERE notice_id = ?', [notice!.id]);
    expect(Number(count.n)).toBe(1);
  });

  it('is for members only', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const [notice] = await notify(member, 1);
    await club.request.get(`${API}/me/inbox/unread-count`).expect(401);
    await club.request.post(`${API}/me/inbox/read`).send({ upToId: notice!.id }).expect(401);
    for (const token of [shop.clerkToken, managerToken]) {
      await club.request.get(`${API}/me/inbox/unread-count`).set(bearer(token)).expect(403);
      await club.request
        .post(`${API}/me/inbox/read`)
        .set(bearer(token))
        .send({ upToId: notice!.id })
        .expect(403);
      await reply(token, notice!.id, 'thanks').expect(403);
      await club.request
        .get(`${API}/me/inbox/replies?noticeIds=${notice!.id}`)
        .set(bearer(token))
        .expect(403);
    }
  });

  it('refuses bad input with the contract error', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const [notice] = await notify(member, 1);
    for (const upToId of [undefined, '', '0', '-3', 'abc', 12, null]) {
      const res = await markRead(member, upToId).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toContain('upToId');
    }
    await club.request
      .post(`${API}/me/inbox/read`)
      .set(bearer(member.accessToken))
      .send({ upToId: notice!.id, extra: true })
      .expect(400);
    for (const kind of [undefined, 'love', '', 3]) {
      const res = await reply(member.accessToken, notice!.id, kind).expect(400);
      expect(fieldsOf(res.body)).toContain('kind');
    }
    for (const ids of ['', '1,x', '0', Array.from({ length: 51 }, (_, i) => i + 1).join(',')]) {
      const res = await club.request
        .get(`${API}/me/inbox/replies?noticeIds=${ids}`)
        .set(bearer(member.accessToken))
        .expect(400);
      expect(fieldsOf(res.body)[0]).toMatch(/^noticeIds/);
    }
    await club.request.get(`${API}/me/inbox/replies`).set(bearer(member.accessToken)).expect(400);
    const badId = await reply(member.accessToken, 'x1', 'thanks').expect(400);
    expect(badId.body.error.code).toBe('VALIDATION_FAILED');
    expect(await unread(member)).toEqual({ count: 1, lastReadId: null });
  });
});
