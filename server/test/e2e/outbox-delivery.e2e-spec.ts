import type { InboxItem, MemberSubscriptions, SandboxOutboxMessage } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import type { OutboxItem } from '../../src/modules/outbox/outbox-item';
import { API, bearer, type JoinedMember, joinMember, loginManager, unique } from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const TEMPLATE = 'TPL-EVENT-INVITE';

describe('outbox: enqueue in the caller’s transaction, deliver to the inbox and the platforms', () => {
  let club: TestApp;
  let outbox: OutboxService;
  let dataSource: DataSource;
  let managerToken: string;

  beforeAll(async () => {
    club = await startTestApp();
    outbox = club.app.get(OutboxService);
    dataSource = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
  });

  afterAll(async () => {
    await club?.close();
  });

  const item = (member: JoinedMember, ref: string, withPlatform = true): OutboxItem => ({
    memberId: member.id,
    topic: 'event_invitation',
    ref,
    title: '诚邀您出席',
    body: '「母亲节感恩晚宴」诚邀您出席。',
    data: { eventId: '1' },
    ...(withPlatform
      ? {
          platform: {
            template: TEMPLATE,
            fields: { thing1: '母亲节感恩晚宴' },
            page: 'pages/events/detail?id=1',
          },
        }
      : {}),
  });

  const subscribe = (member: JoinedMember, accepted: boolean) =>
    club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(member.accessToken))
      .send({ results: [{ template: TEMPLATE, accepted }] });

  const inboxOf = async (member: JoinedMember): Promise<InboxItem[]> =>
    (await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200)).body.items;

  const platformMessagesTo = async (to: string): Promise<SandboxOutboxMessage[]> =>
    (
      await club.request
        .get(`${API}/sandbox/outbox?to=${encodeURIComponent(to)}`)
        .set(bearer(managerToken))
        .expect(200)
    ).body.items;

  const statusOf = async (
    ref: string,
    channel: string,
  ): Promise<{ status: string; error: string | null }> => {
    const rows: Array<{ status: string; error: string | null }> = await dataSource.query(
      'SELECT status, error FROM message_outbox WHERE ref = ? AND channel = ?',
      [ref, channel],
    );
    return rows[0];
  };

  it('records the subscribe dialog’s answers on the member’s platform, last answer winning', async () => {
    const member = await joinMember(club.request);
    const first = await subscribe(member, false).expect(200);
    expect((first.body as MemberSubscriptions).items).toEqual([
      { template: TEMPLATE, platform: 'wechat', accepted: false, updatedAt: expect.any(String) },
    ]);
    const again = await club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(member.accessToken))
      .send({
        results: [
          { template: TEMPLATE, accepted: true },
          { template: 'TPL-OTHER', accepted: false },
        ],
      })
      .expect(200);
    expect((again.body as MemberSubscriptions).items).toEqual([
      { template: 'TPL-EVENT-INVITE', platform: 'wechat', accepted: true, updatedAt: expect.any(String) },
      { template: 'TPL-OTHER', platform: 'wechat', accepted: false, updatedAt: expect.any(String) },
    ]);
  });

  it('rejects bad subscription bodies with 400 and staff with 403', async () => {
    const member = await joinMember(club.request);
    for (const body of [
      {},
      { results: [] },
      { results: [{ template: '', accepted: true }] },
      { results: [{ template: 'x', accepted: 'yes' }] },
      { results: [{ template: 'x', accepted: true }], extra: 1 },
    ]) {
      const res = await club.request
        .post(`${API}/me/subscriptions`)
        .set(bearer(member.accessToken))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    await club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(managerToken))
      .send({ results: [{ template: 'x', accepted: true }] })
      .expect(403);
    await club.request
      .post(`${API}/me/subscriptions`)
      .send({ results: [{ template: 'x', accepted: true }] })
      .expect(401);
  });

  it('delivers a message enqueued twice once to the inbox and once to the platform', async () => {
    const member = await joinMember(club.request);
    await subscribe(member, true).expect(200);
    const ref = unique('outbox-twice:');
    await dataSource.transaction((em) => outbox.enqueue(em, [item(member, ref)]));
    await dataSource.transaction((em) => outbox.enqueue(em, [item(member, ref), item(member, ref)]));
    await outbox.dispatchAll();
    await outbox.dispatchAll();

    const inbox = await inboxOf(member);
    expect(inbox.filter((n) => n.kind === 'event_invitation')).toEqual([
      expect.objectContaining({
        title: '诚邀您出席',
        body: '「母亲节感恩晚宴」诚邀您出席。',
        data: { eventId: '1' },
      }),
    ]);
    const sent = await platformMessagesTo(member.visitor.platformUserId);
    expect(sent).toEqual([
      expect.objectContaining({
        channel: 'wechat',
        templateId: TEMPLATE,
        data: { thing1: '母亲节感恩晚宴' },
        page: 'pages/events/detail?id=1',
      }),
    ]);
    expect(await statusOf(ref, 'inbox')).toEqual({ status: 'sent', error: null });
    expect(await statusOf(ref, 'platform')).toEqual({ status: 'sent', error: null });
  });

  it('enqueues nothing when the caller’s transaction rolls back', async () => {
    const member = await joinMember(club.request);
    const ref = unique('outbox-rollback:');
    await expect(
      dataSource.transaction(async (em) => {
        await outbox.enqueue(em, [item(member, ref)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows: unknown[] = await dataSource.query('SELECT id FROM message_outbox WHERE ref = ?', [ref]);
    expect(rows).toHaveLength(0);
  });

  it('skips the platform without marketing consent or subscription, and still delivers the inbox', async () => {
    const noConsent = await joinMember(club.request, { consent: { marketing: false } });
    await subscribe(noConsent, true).expect(200);
    const declined = await joinMember(club.request);
    await subscribe(declined, false).expect(200);
    const neverAsked = await joinMember(club.request, {}, 'alipay');
    const refs = [unique('outbox-a:'), unique('outbox-b:'), unique('outbox-c:')];
    await dataSource.transaction((em) =>
      outbox.enqueue(em, [item(noConsent, refs[0]), item(declined, refs[1]), item(neverAsked, refs[2])]),
    );
    await outbox.dispatchAll();

    expect(await statusOf(refs[0], 'platform')).toEqual({ status: 'skipped', error: 'no marketing consent' });
    expect(await statusOf(refs[1], 'platform')).toEqual({
      status: 'skipped',
      error: 'not subscribed to this template',
    });
    expect(await statusOf(refs[2], 'platform')).toEqual({
      status: 'skipped',
      error: 'not subscribed to this template',
    });
    for (const [i, member] of [noConsent, declined, neverAsked].entries()) {
      expect(await statusOf(refs[i], 'inbox')).toEqual({ status: 'sent', error: null });
      expect((await inboxOf(member)).map((n) => n.kind)).toContain('event_invitation');
      expect(await platformMessagesTo(member.visitor.platformUserId)).toEqual([]);
    }
  });

  it('sends through Alipay to a member subscribed there', async () => {
    const member = await joinMember(club.request, {}, 'alipay');
    await subscribe(member, true).expect(200);
    const ref = unique('outbox-alipay:');
    await dataSource.transaction((em) => outbox.enqueue(em, [item(member, ref)]));
    await outbox.dispatchAll();
    expect(await platformMessagesTo(member.visitor.platformUserId)).toEqual([
      expect.objectContaining({ channel: 'alipay', templateId: TEMPLATE }),
    ]);
  });

  it('two dispatchers at once deliver each row exactly once', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => joinMember(club.request)));
    await Promise.all(members.map((m) => subscribe(m, true).expect(200)));
    // 6 members × 200 messages: inbox rows for all, platform rows for all (3 batches of 500 rows between them).
    const items = members.flatMap((m) =>
      Array.from({ length: 200 }, (_, i) => item(m, `outbox-race:${m.id}:${i}`, i % 50 === 0)),
    );
    await dataSource.transaction((em) => outbox.enqueue(em, items));
    const passes = await Promise.all([outbox.dispatchAll(), outbox.dispatchAll(), outbox.dispatchAll()]);

    const inboxDelivered = passes.reduce((sum, p) => sum + p.inbox, 0);
    const platformDelivered = passes.reduce((sum, p) => sum + p.platformSent, 0);
    expect(inboxDelivered).toBe(1200);
    const notSent: unknown[] = await dataSource.query(
      "SELECT status, error FROM message_outbox WHERE ref LIKE 'outbox-race:%' AND status <> 'sent'",
    );
    expect(notSent).toEqual([]);
    expect(platformDelivered).toBe(24);
    const ids = members.map((m) => m.id);
    const perRef: Array<{ n: string | number }> = await dataSource.query(
      `SELECT COUNT(*) AS n FROM member_notices WHERE member_id IN (${ids.map(() => '?').join(',')}) AND ref LIKE 'outbox-race:%' GROUP BY ref`,
      ids,
    );
    expect(perRef).toHaveLength(1200);
    expect(perRef.every((r) => Number(r.n) === 1)).toBe(true);
    for (const member of members) {
      expect(await platformMessagesTo(member.visitor.platformUserId)).toHaveLength(4);
    }
    const left: Array<{ n: string | number }> = await dataSource.query(
      "SELECT COUNT(*) AS n FROM message_outbox WHERE ref LIKE 'outbox-race:%' AND status <> 'sent'",
    );
    expect(Number(left[0].n)).toBe(0);
  });
});
