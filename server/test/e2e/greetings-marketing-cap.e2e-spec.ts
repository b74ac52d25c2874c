// The club-wide 3-day marketing cap across senders, on MariaDB: a clerk's greeting, the event
// invitations' fan-out and the birthday greeting share one slot per member. An automated message
// that finds the slot taken still reaches the inbox; only its WeChat copy is skipped, saying why.
import { type SandboxOutboxResponse, zonedDateParts } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { BirthdaysJobService } from '../../src/modules/birthdays/birthdays-job.service';
import { InvitationsFanout } from '../../src/modules/events/invitations.fanout';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  CLERK_PASSWORD,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
  loginStaff,
  type StoreAndClerk,
  unique,
} from '../factories/club.factory';
import { createPublishedEvent } from '../factories/events.factory';
import { freezeClock, thawClock } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 86_400_000;
const TIME_ZONE = 'Asia/Shanghai';

describe('the 3-day marketing cap across clerks, invitations and birthday greetings', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  const clubDate = (at: number) => {
    const { year, month, day } = zonedDateParts(new Date(at), TIME_ZONE);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const todayBirthday = () => {
    const { month, day } = zonedDateParts(new Date(), TIME_ZONE);
    return `1988-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const subscribe = (member: JoinedMember, templates: string[]) =>
    club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(member.accessToken))
      .send({ results: templates.map((template) => ({ template, accepted: true })) })
      .expect((res) => expect(res.status).toBeLessThan(300));
  const clerkToken = async () =>
    (await loginStaff(club.request, shop.clerk.username, CLERK_PASSWORD)).accessToken;
  const greet = async (member: JoinedMember, status: number, channels = ['inbox', 'wechat']) => {
    const res = await club.request
      .post(`${API}/greetings`)
      .set(bearer(await clerkToken()))
      .set('Idempotency-Key', unique('cap-'))
      .send({ memberId: member.id, text: '新品鉴赏会邀您品鉴', channels });
    expect([res.status, res.body]).toEqual([status, expect.anything()]);
    return res;
  };
  const wechat = async (member: JoinedMember) => {
    const manager = (await loginManager(club.request)).accessToken;
    const res = await club.request
      .get(`${API}/sandbox/outbox?channel=wechat&to=${member.visitor.platformUserId}`)
      .set(bearer(manager))
      .expect(200);
    return (res.body as SandboxOutboxResponse).items.map((m) => m.templateId);
  };
  const inboxKinds = async (member: JoinedMember) => {
    await club.app.get(OutboxService).dispatchAll();
    const res = await club.request
      .get(`${API}/me/inbox?limit=100`)
      .set(bearer(member.accessToken))
      .expect(200);
    return (res.body.items as Array<{ kind: string }>).map((i) => i.kind);
  };
  const platformRow = async (ref: string) => {
    const [row] = await club.app
      .get(DataSource)
      .query("SELECT status, error FROM message_outbox WHERE ref = ? AND channel = 'platform'", [ref]);
    return row as { status: string; error: string | null } | undefined;
  };
  const capRow = async (member: JoinedMember) =>
    (await club.app
      .get(DataSource)
      .query('SELECT last_marketing_at FROM member_contact_caps WHERE member_id = ?', [
        member.id,
      ])) as unknown[];

  it('an invitation to a member a clerk greeted yesterday goes to the inbox only; a greeting after a pushed one is refused', async () => {
    const greeted = await joinMember(club.request, { storeId: shop.store.id });
    const fresh = await joinMember(club.request, { storeId: shop.store.id });
    const noConsent = await joinMember(club.request, {
      storeId: shop.store.id,
      consent: { marketing: false },
    });
    const inboxOnly = await joinMember(club.request, { storeId: shop.store.id });
    for (const m of [greeted, fresh, noConsent]) await subscribe(m, ['greeting', 'event_invitation']);

    const yesterday = Date.now() - DAY;
    freezeClock(yesterday);
    await greet(greeted, 201);
    await club.app.get(OutboxService).dispatchAll();
    thawClock();
    expect(await wechat(greeted)).toEqual(['greeting']);

    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: [greeted.id, fresh.id, noConsent.id, inboxOnly.id] },
    });
    const publishedAt = Date.now();
    expect(await club.app.get(InvitationsFanout).runOnce()).toEqual({ events: 1, queued: 4 });
    const ref = (m: JoinedMember) => `event-invite:${event.id}:${m.id}`;

    // Greeted yesterday: the invitation is in the inbox, WeChat is skipped with the day of the last push.
    expect(await inboxKinds(greeted)).toContain('event_invitation');
    expect(await wechat(greeted)).toEqual(['greeting']);
    expect(await platformRow(ref(greeted))).toEqual({
      status: 'skipped',
      error: `marketing cap: contacted ${clubDate(yesterday)}`,
    });
    // Free slot: inbox and WeChat.
    expect(await inboxKinds(fresh)).toContain('event_invitation');
    expect(await wechat(fresh)).toEqual(['event_invitation']);
    expect(await platformRow(ref(fresh))).toEqual({ status: 'sent', error: null });
    // No consent / not subscribed: nothing would reach the phone, so no slot is taken.
    expect(await platformRow(ref(noConsent))).toEqual({ status: 'skipped', error: 'no marketing consent' });
    expect(await platformRow(ref(inboxOnly))).toEqual({
      status: 'skipped',
      error: 'not subscribed to this template',
    });
    expect(await capRow(noConsent)).toEqual([]);
    expect(await capRow(inboxOnly)).toEqual([]);

    // The next day: the member the invitation was pushed to cannot be greeted yet; the others can.
    freezeClock(publishedAt + DAY);
    const refused = await greet(fresh, 409);
    expect(refused.body.error.code).toBe('CONTACT_CAP_REACHED');
    const nextAllowedAt = Date.parse(refused.body.error.details.nextAllowedAt);
    expect(nextAllowedAt - publishedAt).toBeGreaterThanOrEqual(3 * DAY - 5_000);
    expect(nextAllowedAt - publishedAt).toBeLessThanOrEqual(3 * DAY + 5_000);
    await greet(noConsent, 201, ['inbox']);
    await greet(inboxOnly, 201, ['inbox']);
  });

  it("a clerk's personal invitation pushes only where the slot is free; the inbox has it either way", async () => {
    const invitedBefore = await joinMember(club.request, { storeId: shop.store.id });
    const fresh = await joinMember(club.request, { storeId: shop.store.id });
    for (const m of [invitedBefore, fresh]) await subscribe(m, ['event_invitation']);
    await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: [invitedBefore.id] },
    });
    await club.app.get(InvitationsFanout).runOnce();
    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: [invitedBefore.id, fresh.id] },
    });

    // The clerk invites both before the event's own fan-out has run.
    const res = await club.request
      .post(`${API}/events/${event.id}/invitations`)
      .set(bearer(await clerkToken()))
      .send({ memberIds: [invitedBefore.id, fresh.id], note: '给您留了好位置' })
      .expect(201);
    // `sent` for both, and the clerk is told which one's phone it reaches.
    expect(res.body.results).toEqual([
      { memberId: invitedBefore.id, result: 'sent', push: 'skipped', code: 'marketing_cap' },
      { memberId: fresh.id, result: 'sent', push: 'queued' },
    ]);
    const ref = (m: JoinedMember) => `event-personal-invite:${event.id}:${m.id}:${shop.clerk.id}`;
    expect(await platformRow(ref(invitedBefore))).toEqual({
      status: 'skipped',
      error: `marketing cap: contacted ${clubDate(Date.now())}`,
    });
    expect(await platformRow(ref(fresh))).toMatchObject({ status: 'pending' });

    // The fan-out then finds both slots taken: its invitations stay in the inbox.
    await club.app.get(InvitationsFanout).runOnce();
    for (const m of [invitedBefore, fresh]) {
      const kinds = await inboxKinds(m);
      expect(kinds.filter((k) => k === 'event_personal_invitation')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'event_invitation')).toHaveLength(m === invitedBefore ? 2 : 1);
      expect(await wechat(m)).toEqual(['event_invitation']);
      expect(await platformRow(`event-invite:${event.id}:${m.id}`)).toMatchObject({ status: 'skipped' });
    }
    expect(await platformRow(ref(fresh))).toEqual({ status: 'sent', error: null });
  });

  it('lets exactly one push through per member when clerks greet while the fan-out pages the same members', async () => {
    const members: JoinedMember[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const joined = await Promise.all(
        Array.from({ length: 10 }, () => joinMember(club.request, { storeId: shop.store.id })),
      );
      await Promise.all(joined.map((m) => subscribe(m, ['greeting', 'event_invitation'])));
      members.push(...joined);
    }
    const event = await createPublishedEvent(club.request, managerToken, {
      eligibility: { memberIds: members.map((m) => m.id) },
    });
    const greeted = members.filter((_, i) => i % 2 === 0);
    const token = await clerkToken();
    const [answers] = await Promise.all([
      Promise.all(
        greeted.map((m) =>
          club.request
            .post(`${API}/greetings`)
            .set(bearer(token))
            .set('Idempotency-Key', unique('race-'))
            .send({ memberId: m.id, text: '新品到店', channels: ['inbox', 'wechat'] }),
        ),
      ),
      club.app.get(InvitationsFanout).runOnce(),
    ]);
    await club.app.get(OutboxService).dispatchAll();

    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const [i, m] of greeted.entries()) {
      const invitation = await platformRow(`event-invite:${event.id}:${m.id}`);
      // Whoever took the slot first pushed; the other stayed off the phone.
      if (statuses[i] === 201) expect(invitation?.status).toBe('skipped');
      else expect(invitation).toEqual({ status: 'sent', error: null });
    }
    for (const m of members) expect((await wechat(m)).length).toBe(1);
    const [row] = await club.app
      .get(DataSource)
      .query(
        "SELECT COUNT(DISTINCT member_id) AS n FROM member_notices WHERE kind = 'event_invitation' AND ref LIKE ?",
        [`event-invite:${event.id}:%`],
      );
    expect(Number(row.n)).toBe(members.length);
  });

  it('the birthday greeting takes the slot when it goes to WeChat, once however often the job runs', async () => {
    const invited = await joinMember(club.request, { storeId: shop.store.id, birthday: todayBirthday() });
    const quiet = await joinMember(club.request, { storeId: shop.store.id, birthday: todayBirthday() });
    for (const m of [invited, quiet]) await subscribe(m, ['greeting', 'event_invitation']);
    await createPublishedEvent(club.request, managerToken, { eligibility: { memberIds: [invited.id] } });
    await club.app.get(InvitationsFanout).runOnce();
    await club.app.get(OutboxService).dispatchAll();
    expect(await wechat(invited)).toEqual(['event_invitation']);

    const job = club.app.get(BirthdaysJobService);
    await Promise.all([job.run(new Date()), job.run(new Date())]);
    await job.run(new Date());
    const year = zonedDateParts(new Date(), TIME_ZONE).year;
    const ref = (m: JoinedMember) => `birthday-greeting:${year}:${m.id}`;

    expect(await inboxKinds(invited)).toContain('birthday_greeting');
    expect(await wechat(invited)).toEqual(['event_invitation']);
    expect(await platformRow(ref(invited))).toEqual({
      status: 'skipped',
      error: `marketing cap: contacted ${clubDate(Date.now())}`,
    });
    expect((await inboxKinds(quiet)).filter((k) => k === 'birthday_greeting')).toHaveLength(1);
    expect(await wechat(quiet)).toEqual(['greeting']);
    expect(await platformRow(ref(quiet))).toEqual({ status: 'sent', error: null });
    expect((await greet(quiet, 409)).body.error.code).toBe('CONTACT_CAP_REACHED');
  });
});
