// A clerk's personal invitations through HTTP on MariaDB: the invitable list (own members who fit),
// per-member results, the message through the outbox, the credit a registration gives the clerk,
// and the invitations → registrations → attendance funnel.
import type {
  ClerkInvitationsResult,
  ClubEvent,
  InboxItem,
  InvitableMember,
  Paginated,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { EventInvitationsService } from '../../src/modules/events/invitations.service';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  createStoreAndClerk,
  fieldsOf,
  type JoinedMember,
  joinMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { createEvent, createPublishedEvent, HOUR } from '../factories/events.factory';
import { checkInOk, register } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('clerks invite their own members personally', () => {
  let club: TestApp;
  let dataSource: DataSource;
  let invitations: EventInvitationsService;
  let managerToken: string;
  let mine: StoreAndClerk;
  let other: StoreAndClerk;
  let event: ClubEvent;
  let anna: JoinedMember; // mine, eligible
  let bella: JoinedMember; // mine, eligible, registers
  let chen: JoinedMember; // mine, not eligible
  let dora: JoinedMember; // the other clerk's, eligible

  const assignClerk = (member: JoinedMember, clerkId: string) =>
    club.request
      .put(`${API}/members/${member.id}/clerk`)
      .set(bearer(managerToken))
      .send({ clerkId })
      .expect(200);

  const invitable = async (token: string, eventId: string, query = ''): Promise<Paginated<InvitableMember>> =>
    (await club.request.get(`${API}/events/${eventId}/invitable${query}`).set(bearer(token)).expect(200))
      .body;

  const invite = (token: string, eventId: string, body: unknown) =>
    club.request
      .post(`${API}/events/${eventId}/invitations`)
      .set(bearer(token))
      .send(body as object);

  beforeAll(async () => {
    club = await startTestApp();
    dataSource = club.app.get(DataSource);
    invitations = club.app.get(EventInvitationsService);
    managerToken = (await loginManager(club.request)).accessToken;
    mine = await createStoreAndClerk(club.request, managerToken);
    other = await createStoreAndClerk(club.request, managerToken);
    [anna, bella, chen, dora] = await Promise.all([
      joinMember(club.request, { gender: 'female' }),
      joinMember(club.request, { gender: 'female' }),
      joinMember(club.request, { gender: 'male' }),
      joinMember(club.request, { gender: 'female' }),
    ]);
    for (const m of [anna, bella, chen]) await assignClerk(m, mine.clerk.id);
    await assignClerk(dora, other.clerk.id);
    event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { genders: ['female'] },
      title: '母亲节感恩晚宴',
    });
  });

  afterAll(async () => {
    await club?.close();
  });

  it('lists the clerk’s own eligible members, with whether each is invited or registered', async () => {
    await register(club.request, bella.accessToken, event.id).expect(201);
    const page = await invitable(mine.clerkToken, event.id);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual(
      [anna, bella]
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((m) => ({
          id: m.id,
          memberNo: m.memberNo,
          name: m.name,
          tier: 'friend',
          isInvited: false,
          isRegistered: m === bella,
        })),
    );
    // Pages by member id.
    const first = await invitable(mine.clerkToken, event.id, '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0].id);
    const second = await invitable(mine.clerkToken, event.id, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.id)).toEqual([page.items[1].id]);
  });

  it('answers one result per member and sends the invitation with the clerk’s name and note', async () => {
    const res = await invite(mine.clerkToken, event.id, {
      memberIds: [anna.id, bella.id, chen.id, dora.id, '999999999'],
      note: '给您留了最好的位置',
    }).expect(201);
    expect((res.body as ClerkInvitationsResult).results).toEqual([
      // Anna accepted no invitation template: the inbox has it, her phone does not.
      { memberId: anna.id, result: 'sent', push: 'skipped', code: 'not_subscribed' },
      { memberId: bella.id, result: 'already_registered' },
      { memberId: chen.id, result: 'not_eligible' },
      { memberId: dora.id, result: 'not_your_member' },
      { memberId: '999999999', result: 'not_your_member' },
    ]);
    const again = await invite(mine.clerkToken, event.id, { memberIds: [anna.id] }).expect(201);
    expect(again.body.results).toEqual([{ memberId: anna.id, result: 'already_invited' }]);

    await club.app.get(OutboxService).dispatchAll();
    const inbox = (await club.request.get(`${API}/me/inbox`).set(bearer(anna.accessToken)).expect(200)).body
      .items as InboxItem[];
    const personal = inbox.filter((n) => n.kind === 'event_personal_invitation');
    expect(personal).toHaveLength(1);
    expect(personal[0].title).toBe('王店员诚邀您出席');
    expect(personal[0].body).toContain('给您留了最好的位置');
    expect(personal[0].body).toContain('母亲节感恩晚宴');
    expect(personal[0].data).toEqual(
      expect.objectContaining({ eventId: event.id, clerkId: mine.clerk.id, note: '给您留了最好的位置' }),
    );
    for (const m of [bella, chen, dora]) {
      const items = (await club.request.get(`${API}/me/inbox`).set(bearer(m.accessToken)).expect(200)).body
        .items as InboxItem[];
      expect(items.filter((n) => n.kind === 'event_personal_invitation')).toEqual([]);
    }
    const listed = await invitable(mine.clerkToken, event.id);
    expect(listed.items.find((m) => m.id === anna.id)?.isInvited).toBe(true);
  });

  it('credits a registration that follows to the inviting clerk, and counts it in the funnel', async () => {
    // The other clerk invites their own member: a second row in the funnel, with no registration.
    await invite(other.clerkToken, event.id, { memberIds: [dora.id] }).expect(201);
    expect(await invitations.creditingClerk(dataSource.manager, event.id, anna.id)).toBe(mine.clerk.id);
    expect(await invitations.creditingClerk(dataSource.manager, event.id, chen.id)).toBeNull();

    await register(club.request, anna.accessToken, event.id).expect(201);
    const [row] = await dataSource.query(
      "SELECT invited_by_clerk_id AS clerk FROM event_registrations WHERE event_id = ? AND member_id = ? AND status = 'confirmed'",
      [event.id, anna.id],
    );
    expect(String(row.clerk)).toBe(mine.clerk.id);

    const funnel = await invitations.funnel(dataSource.manager, event.id);
    expect(funnel).toEqual({
      sent: 2,
      clerks: [
        {
          clerk: { id: mine.clerk.id, name: '王店员', storeId: mine.store.id },
          invited: 1,
          registered: 1,
          attended: 0,
        },
        {
          clerk: { id: other.clerk.id, name: '王店员', storeId: other.store.id },
          invited: 1,
          registered: 0,
          attended: 0,
        },
      ],
    });
  });

  it('counts attendance of the credited registrations', async () => {
    const soon = await createPublishedEvent(club.request, managerToken, {
      startsAt: new Date(Date.now() + HOUR).toISOString(),
      endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
      registration: {
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      },
    });
    await invite(mine.clerkToken, soon.id, { memberIds: [anna.id, bella.id] }).expect(201);
    const ticket = (await register(club.request, anna.accessToken, soon.id).expect(201)).body
      .ticketCode as string;
    await register(club.request, bella.accessToken, soon.id).expect(201);
    await checkInOk(club.request, mine.clerkToken, soon.id, ticket);
    expect(await invitations.funnel(dataSource.manager, soon.id)).toEqual({
      sent: 2,
      clerks: [
        {
          clerk: { id: mine.clerk.id, name: '王店员', storeId: mine.store.id },
          invited: 2,
          registered: 2,
          attended: 1,
        },
      ],
    });
  });

  it('refuses other roles, bad input, drafts and unknown events', async () => {
    const body = { memberIds: [anna.id] };
    await club.request.get(`${API}/events/${event.id}/invitable`).set(bearer(managerToken)).expect(403);
    await invite(managerToken, event.id, body).expect(403);
    await invite(anna.accessToken, event.id, body).expect(403);
    await club.request.get(`${API}/events/${event.id}/invitable`).set(bearer(anna.accessToken)).expect(403);
    await club.request.post(`${API}/events/${event.id}/invitations`).send(body).expect(401);

    for (const [bad, field] of [
      [{}, 'memberIds'],
      [{ memberIds: [] }, 'memberIds'],
      [{ memberIds: ['abc'] }, 'memberIds.0'],
      [{ memberIds: [anna.id, anna.id] }, 'memberIds'],
      [{ memberIds: [anna.id], note: 'x'.repeat(201) }, 'note'],
      [{ memberIds: [anna.id], extra: true }, ''],
    ] as const) {
      const res = await invite(mine.clerkToken, event.id, bad).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(fieldsOf(res.body)).toContain(field);
    }
    const badId = await invite(mine.clerkToken, 'abc', body).expect(400);
    expect(badId.body.error.code).toBe('VALIDATION_FAILED');
    const badCursor = await club.request
      .get(`${API}/events/${event.id}/invitable?cursor=zz`)
      .set(bearer(mine.clerkToken))
      .expect(400);
    expect(fieldsOf(badCursor.body)).toContain('cursor');
    await club.request
      .get(`${API}/events/${event.id}/invitable?limit=0`)
      .set(bearer(mine.clerkToken))
      .expect(400);

    const draft = await createEvent(club.request, managerToken);
    expect((await invite(mine.clerkToken, draft.id, body).expect(404)).body.error.code).toBe('NOT_FOUND');
    await club.request.get(`${API}/events/${draft.id}/invitable`).set(bearer(mine.clerkToken)).expect(404);
    await invite(mine.clerkToken, '987654321', body).expect(404);
  });

  it('refuses invitations to an event that has ended', async () => {
    const past = await createPublishedEvent(club.request, managerToken, {
      startsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
      registration: {
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(Date.now() + HOUR).toISOString(),
      },
    });
    await dataSource.query('UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 3 * HOUR),
      new Date(Date.now() - HOUR),
      past.id,
    ]);
    const res = await invite(mine.clerkToken, past.id, { memberIds: [anna.id] }).expect(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });
});
