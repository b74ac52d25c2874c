import type { ClubEvent, InboxItem } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { InvitationsFanout } from '../../src/modules/events/invitations.fanout';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import { API, bearer, type JoinedMember, joinMember, loginManager } from '../factories/club.factory';
import { createEvent, createPublishedEvent } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('publishing an event invites every eligible member once, through the outbox', () => {
  let club: TestApp;
  let fanout: InvitationsFanout;
  let outbox: OutboxService;
  let dataSource: DataSource;
  let managerToken: string;
  let women: JoinedMember[];
  let men: JoinedMember[];

  beforeAll(async () => {
    club = await startTestApp();
    fanout = club.app.get(InvitationsFanout);
    outbox = club.app.get(OutboxService);
    dataSource = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    women = await Promise.all([0, 1, 2, 3].map(() => joinMember(club.request, { gender: 'female' })));
    men = await Promise.all([0, 1].map(() => joinMember(club.request, { gender: 'male' })));
  });

  afterAll(async () => {
    await club?.close();
  });

  const invitationsIn = async (member: JoinedMember, eventId: string): Promise<InboxItem[]> => {
    const res = await club.request
      .get(`${API}/me/inbox?limit=100`)
      .set(bearer(member.accessToken))
      .expect(200);
    return (res.body.items as InboxItem[]).filter(
      (n) => n.kind === 'event_invitation' && (n.data as { eventId?: string } | null)?.eventId === eventId,
    );
  };

  const eventAsManager = async (id: string): Promise<ClubEvent> =>
    (await club.request.get(`${API}/events/${id}`).set(bearer(managerToken)).expect(200)).body;

  it('publication answers at once; the fan-out then queues one invitation per eligible member', async () => {
    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { genders: ['female'] },
    });
    expect(event.status).toBe('published');
    // Nothing is sent by the publication itself.
    expect(await invitationsIn(women[0], event.id)).toEqual([]);

    const run = await fanout.runOnce();
    expect(run).toEqual({ events: 1, queued: 4 });
    await outbox.dispatchAll();

    for (const member of women) {
      const got = await invitationsIn(member, event.id);
      expect(got).toHaveLength(1);
      expect(got[0].title).toBe('诚邀您出席');
      expect(got[0].body).toContain(event.title);
    }
    for (const member of men) expect(await invitationsIn(member, event.id)).toEqual([]);
    expect((await eventAsManager(event.id)).invited).toBe(4);

    // Running the fan-out and the dispatcher again changes nothing.
    expect(await fanout.runOnce()).toEqual({ events: 0, queued: 0 });
    await outbox.dispatchAll();
    for (const member of women) expect(await invitationsIn(member, event.id)).toHaveLength(1);
  });

  it('drafts invite nobody; two workers at once page each event once', async () => {
    const draft = await createEvent(club.request, managerToken);
    const events = await Promise.all(
      [0, 1, 2].map(() => createPublishedEvent(club.request, managerToken, { eligibility: {} })),
    );
    const runs = await Promise.all([fanout.runOnce(), fanout.runOnce(), fanout.runOnce()]);
    expect(runs.reduce((sum, r) => sum + r.events, 0)).toBe(3);
    expect(runs.reduce((sum, r) => sum + r.queued, 0)).toBe(3 * 6);
    await Promise.all([outbox.dispatchAll(), outbox.dispatchAll()]);

    for (const event of events) {
      const perMember: Array<{ n: string | number }> = await dataSource.query(
        "SELECT COUNT(*) AS n FROM member_notices WHERE kind = 'event_invitation' AND ref LIKE ? GROUP BY member_id",
        [`event-invite:${event.id}:%`],
      );
      expect(perMember.map((r) => Number(r.n))).toEqual([1, 1, 1, 1, 1, 1]);
      expect((await eventAsManager(event.id)).invited).toBe(6);
    }
    const draftRows: unknown[] = await dataSource.query('SELECT id FROM event_fanouts WHERE event_id = ?', [
      draft.id,
    ]);
    expect(draftRows).toEqual([]);
    const draftInvites: unknown[] = await dataSource.query('SELECT id FROM message_outbox WHERE ref LIKE ?', [
      `event-invite:${draft.id}:%`,
    ]);
    expect(draftInvites).toEqual([]);
  });

  it('resumes after the last committed page and stops for a cancelled event', async () => {
    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { genders: ['female'] },
    });
    // A previous process queued up to the second woman and died holding a claim that has since lapsed.
    const cursor = [...women].map((w) => w.id).sort((a, b) => Number(a) - Number(b))[1];
    await dataSource.query(
      "INSERT INTO event_fanouts (event_id, status, cursor_member_id, invited, claimed_by, claimed_until, created_at) VALUES (?, 'running', ?, 2, 'dead-process', ?, ?)",
      [event.id, cursor, new Date(Date.now() - 1000), new Date()],
    );
    expect(await fanout.runOnce()).toEqual({ events: 1, queued: 2 });
    await outbox.dispatchAll();
    const invitedIds = women
      .filter((w) => Number(w.id) > Number(cursor))
      .map((w) => w.id)
      .sort();
    const rows: Array<{ member_id: unknown }> = await dataSource.query(
      'SELECT member_id FROM member_notices WHERE ref LIKE ? ORDER BY member_id',
      [`event-invite:${event.id}:%`],
    );
    expect(rows.map((r) => String(r.member_id)).sort()).toEqual(invitedIds);
    expect((await eventAsManager(event.id)).invited).toBe(4);

    const cancelled = await createPublishedEvent(club.request, managerToken);
    await club.request
      .post(`${API}/events/${cancelled.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '场地检修' })
      .expect(200);
    expect(await fanout.runOnce()).toEqual({ events: 0, queued: 0 });
    const none: unknown[] = await dataSource.query('SELECT id FROM message_outbox WHERE ref LIKE ?', [
      `event-invite:${cancelled.id}:%`,
    ]);
    expect(none).toEqual([]);
  });
});
