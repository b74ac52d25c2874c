// "请联系我" on the worklist, through HTTP on MariaDB: a member's call_me reply in the inbox puts them on
// their clerk's worklist (reason call_me, first), until a staff member contacts them after it; a member
// of the store with no clerk reaches every clerk of that store with the request only.
import { type InboxItem, type Worklist, WORKLIST_CALL_ME_DAYS } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { InvitationsFanout } from '../../src/modules/events/invitations.fanout';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  CLERK_PASSWORD,
  createClerk,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
  loginStaff,
  type StoreAndClerk,
  unique,
} from '../factories/club.factory';
import { createPublishedEvent } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 86_400_000;

describe('call_me replies on the worklist', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;
  let other: StoreAndClerk;
  let secondClerk: { id: string; token: string };

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    other = await createStoreAndClerk(club.request, managerToken);
    const second = await createClerk(club.request, managerToken, shop.store.id);
    secondClerk = {
      id: second.id,
      token: (await loginStaff(club.request, second.username, CLERK_PASSWORD)).accessToken,
    };
  });
  afterAll(async () => {
    await club?.close();
  });

  /** A member of long standing, contacted 10 days ago: no reason of any kind to call today. */
  async function settledMember(clerkId: string | null): Promise<JoinedMember> {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    await ds.query('UPDATE members SET joined_at = ?, clerk_id = ? WHERE id = ?', [
      new Date(Date.now() - 400 * DAY),
      clerkId,
      member.id,
    ]);
    await ds.query(
      'INSERT INTO member_contacts (member_id, staff_id, purpose, text, deliveries, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [member.id, shop.clerk.id, 'service', '您好', '[]', unique('seed-'), new Date(Date.now() - 10 * DAY)],
    );
    return member;
  }
  const worklist = async (token: string) =>
    ((await club.request.get(`${API}/staff/worklist`).set(bearer(token)).expect(200)).body as Worklist).items;
  const reasonsOf = async (token: string, member: JoinedMember) =>
    (await worklist(token)).find((e) => e.member.id === member.id)?.reasons;
  const askToBeCalled = async (member: JoinedMember) => {
    const res = await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200);
    const notice = (res.body.items as InboxItem[])[0];
    await club.request
      .post(`${API}/me/inbox/${notice.id}/reply`)
      .set(bearer(member.accessToken))
      .send({ kind: 'call_me' })
      .expect(201);
  };

  it("puts the member on their clerk's worklist until someone contacts them after the request", async () => {
    const own = await settledMember(shop.clerk.id);
    const unassigned = await settledMember(null);
    const thanking = await settledMember(shop.clerk.id);
    await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: [own.id, unassigned.id, thanking.id] },
    });
    await club.app.get(InvitationsFanout).runOnce();
    await club.app.get(OutboxService).dispatchAll();
    for (const m of [own, unassigned, thanking]) expect(await reasonsOf(shop.clerkToken, m)).toBeUndefined();

    await askToBeCalled(own);
    await askToBeCalled(unassigned);
    const res = await club.request.get(`${API}/me/inbox`).set(bearer(thanking.accessToken)).expect(200);
    await club.request
      .post(`${API}/me/inbox/${(res.body.items as InboxItem[])[0].id}/reply`)
      .set(bearer(thanking.accessToken))
      .send({ kind: 'thanks' })
      .expect(201);

    // Her clerk sees her; a member with no clerk reaches every clerk of her store, with the request only.
    expect(await reasonsOf(shop.clerkToken, own)).toEqual(['call_me']);
    expect(await reasonsOf(shop.clerkToken, unassigned)).toEqual(['call_me']);
    expect(await reasonsOf(shop.clerkToken, thanking)).toBeUndefined();
    expect(await reasonsOf(secondClerk.token, own)).toBeUndefined();
    expect(await reasonsOf(secondClerk.token, unassigned)).toEqual(['call_me']);
    expect(await reasonsOf(other.clerkToken, unassigned)).toBeUndefined();

    // A contact after the request answers it, whoever made it.
    await club.request
      .post(`${API}/greetings`)
      .set(bearer(secondClerk.token))
      .set('Idempotency-Key', unique('call-'))
      .send({
        memberId: own.id,
        text: '您好，我是您的顾问，稍后给您来电',
        channels: ['inbox'],
        purpose: 'service',
      })
      .expect(201);
    expect(await reasonsOf(shop.clerkToken, own)).toBeUndefined();
    await club.request
      .post(`${API}/greetings`)
      .set(bearer(shop.clerkToken))
      .set('Idempotency-Key', unique('call-'))
      .send({ memberId: unassigned.id, text: '您好', channels: ['inbox'], purpose: 'service' })
      .expect(201);
    expect(await reasonsOf(secondClerk.token, unassigned)).toBeUndefined();
  });

  it(`lapses unanswered after WORKLIST_CALL_ME_DAYS (${WORKLIST_CALL_ME_DAYS}) club days; a new request puts her back`, async () => {
    const own = await settledMember(shop.clerk.id);
    const unassigned = await settledMember(null);
    // Their last contact well before the requests, and recent enough that neither is dormant.
    await ds.query('UPDATE member_contacts SET at = ? WHERE member_id IN (?, ?)', [
      new Date(Date.now() - 45 * DAY),
      own.id,
      unassigned.id,
    ]);
    await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: [own.id, unassigned.id] },
    });
    await club.app.get(InvitationsFanout).runOnce();
    await club.app.get(OutboxService).dispatchAll();
    await askToBeCalled(own);
    await askToBeCalled(unassigned);
    // The same hour of the day, so whole days back are whole club days back (the club keeps no DST).
    const sentDaysAgo = (days: number) =>
      ds.query("UPDATE inbox_replies SET created_at = ? WHERE kind = 'call_me' AND member_id IN (?, ?)", [
        new Date(Date.now() - days * DAY),
        own.id,
        unassigned.id,
      ]);

    await sentDaysAgo(WORKLIST_CALL_ME_DAYS - 1);
    expect(await reasonsOf(shop.clerkToken, own)).toEqual(['call_me']);
    expect(await reasonsOf(secondClerk.token, unassigned)).toEqual(['call_me']);

    await sentDaysAgo(WORKLIST_CALL_ME_DAYS);
    expect(await reasonsOf(shop.clerkToken, own)).toBeUndefined();
    expect(await reasonsOf(shop.clerkToken, unassigned)).toBeUndefined();
    expect(await reasonsOf(secondClerk.token, unassigned)).toBeUndefined();

    // A request is one per message: she asks again on a newer one.
    await createPublishedEvent(club.request, managerToken, { eligibility: { memberIds: [own.id] } });
    await club.app.get(InvitationsFanout).runOnce();
    await club.app.get(OutboxService).dispatchAll();
    await askToBeCalled(own);
    expect(await reasonsOf(shop.clerkToken, own)).toEqual(['call_me']);
  });

  it('comes first among the reasons', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    await ds.query('UPDATE members SET clerk_id = ? WHERE id = ?', [shop.clerk.id, member.id]);
    await createPublishedEvent(club.request, managerToken, { eligibility: { memberIds: [member.id] } });
    await club.app.get(InvitationsFanout).runOnce();
    await club.app.get(OutboxService).dispatchAll();
    expect(await reasonsOf(shop.clerkToken, member)).toEqual(['welcome']);
    await askToBeCalled(member);
    expect(await reasonsOf(shop.clerkToken, member)).toEqual(['call_me', 'welcome']);
  });
});
