// Clerks' greetings through HTTP on MariaDB: personal fields filled, consent per channel (off → the
// channel is skipped with why), SMS recorded by the sandbox, the club-wide 3-day marketing cap with two
// clerks at once, idempotent retries, the member's contact history, roles and bad input.
import type {
  GreetingResult,
  GreetingTemplate,
  GreetingTemplates,
  InboxItem,
  MemberContacts,
  SandboxOutboxResponse,
  Worklist,
} from '@vip-club/shared';
import {
  API,
  bearer,
  CLERK_PASSWORD,
  createClerk,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  loginStaff,
  type JoinedMember,
  type StoreAndClerk,
  unique,
} from '../factories/club.factory';
import { freezeClock, thawClock } from '../factories/registrations.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { OutboxService } from '../../src/modules/outbox/outbox.service';

const DAY = 86_400_000;

describe('POST /greetings', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let secondClerkToken: string;
  let elsewhere: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    elsewhere = await createStoreAndClerk(club.request, managerToken);
    const second = await createClerk(club.request, managerToken, shop.store.id);
    secondClerkToken = (await loginStaff(club.request, second.username, CLERK_PASSWORD)).accessToken;
  });
  afterEach(() => thawClock());
  afterAll(async () => {
    thawClock();
    await club?.close();
  });

  const greet = (token: string, body: Record<string, unknown>, key: string | null = unique('k-')) => {
    const req = club.request.post(`${API}/greetings`).set(bearer(token));
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const subscribe = (member: JoinedMember, accepted = true) =>
    club.request
      .post(`${API}/me/subscriptions`)
      .set(bearer(member.accessToken))
      .send({ results: [{ template: 'greeting', accepted }] })
      .expect((res) => expect(res.status).toBeLessThan(300));
  const sandbox = async (channel: string, to: string) =>
    (
      (
        await club.request
          .get(`${API}/sandbox/outbox?channel=${channel}&to=${to}`)
          .set(bearer(managerToken))
          .expect(200)
      ).body as SandboxOutboxResponse
    ).items;
  const inbox = async (member: JoinedMember) => {
    await club.app.get(OutboxService).dispatchAll();
    const res = await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200);
    return (res.body.items ?? res.body) as InboxItem[];
  };

  it('fills the personal fields and reaches every channel the member consented to', async () => {
    const member = await joinMember(club.request, {
      storeId: shop.store.id,
      name: '陈美玲',
      birthday: '1992-02-29',
    });
    await subscribe(member);
    const res = await greet(shop.clerkToken, {
      memberId: member.id,
      text: '{name}您好，{birthday}生日快乐！作为{tier}，欢迎来店里坐坐。',
      channels: ['inbox', 'wechat', 'alipay', 'sms'],
    }).expect(201);
    const body = res.body as GreetingResult;
    expect(body.deliveries).toEqual([
      { channel: 'inbox', status: 'queued' },
      { channel: 'wechat', status: 'queued' },
      {
        channel: 'alipay',
        status: 'skipped',
        reason: 'the member has not accepted greetings on Alipay',
        code: 'not_subscribed',
      },
      { channel: 'sms', status: 'queued' },
    ]);
    const text = '陈美玲您好，2月29日生日快乐！作为好友会员，欢迎来店里坐坐。';
    expect((await sandbox('sms', member.phone)).map((m) => m.data.text)).toEqual([text]);
    const items = await inbox(member);
    expect(items.filter((i) => i.kind === 'greeting').map((i) => i.body)).toEqual([text]);
    expect((await sandbox('wechat', member.visitor.platformUserId)).map((m) => m.data)).toEqual([{ text }]);

    const history = (
      await club.request.get(`${API}/members/${member.id}/contacts`).set(bearer(secondClerkToken)).expect(200)
    ).body as MemberContacts;
    expect(history.items).toEqual([
      expect.objectContaining({
        id: body.id,
        staffId: shop.clerk.id,
        purpose: 'marketing',
        text,
        deliveries: body.deliveries,
      }),
    ]);
  });

  it('skips every channel but the inbox when the member did not consent to marketing, saying why', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id, consent: { marketing: false } });
    await subscribe(member);
    const res = await greet(shop.clerkToken, {
      memberId: member.id,
      text: '新品到店',
      channels: ['inbox', 'wechat', 'sms'],
    }).expect(201);
    const reason = 'the member has not consented to marketing';
    expect(res.body.deliveries).toEqual([
      { channel: 'inbox', status: 'queued' },
      { channel: 'wechat', status: 'skipped', reason, code: 'no_consent' },
      { channel: 'sms', status: 'skipped', reason, code: 'no_consent' },
    ]);
    expect(await sandbox('sms', member.phone)).toEqual([]);
    expect((await inbox(member)).filter((i) => i.kind === 'greeting').map((i) => i.body)).toEqual([
      '新品到店',
    ]);
    expect(await sandbox('wechat', member.visitor.platformUserId)).toEqual([]);
  });

  it('lets one marketing message through in 3 days when two clerks greet at once; service messages pass', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const body = { memberId: member.id, text: '周末有新品鉴赏会', channels: ['inbox'] };
    const answers = await Promise.all([greet(shop.clerkToken, body), greet(secondClerkToken, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.error.code).toBe('CONTACT_CAP_REACHED');
    const passed = answers.find((a) => a.status === 201)!;
    const nextAllowedAt = Date.parse(refused.body.error.details.nextAllowedAt);

    const history = async (token = managerToken) =>
      (
        (await club.request.get(`${API}/members/${member.id}/contacts`).set(bearer(token)).expect(200))
          .body as MemberContacts
      ).items;
    expect((await history()).map((c) => c.id)).toEqual([passed.body.id]);

    await greet(shop.clerkToken, { ...body, text: '谢谢您的回复', purpose: 'service' }).expect(201);
    expect((await greet(secondClerkToken, body).expect(409)).body.error.code).toBe('CONTACT_CAP_REACHED');

    freezeClock(nextAllowedAt - 60_000);
    const early = (await loginStaff(club.request, shop.clerk.username, CLERK_PASSWORD)).accessToken;
    await greet(early, body).expect(409);
    freezeClock(nextAllowedAt + 1);
    const later = (await loginStaff(club.request, shop.clerk.username, CLERK_PASSWORD)).accessToken;
    await greet(later, body).expect(201);
    const contacts = await history(later);
    expect(nextAllowedAt - Date.parse(contacts[2].at)).toBe(3 * DAY);
    expect(contacts.map((c) => c.purpose)).toEqual(['marketing', 'service', 'marketing']);
  });

  it('answers a retry with the same key with the first greeting, once', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const body = { memberId: member.id, text: '您好', channels: ['inbox', 'sms'] };
    const first = (await greet(shop.clerkToken, body, 'retry-key-1').expect(201)).body as GreetingResult;
    // The cap would refuse a second marketing message: a retry is not one.
    expect((await greet(shop.clerkToken, body, 'retry-key-1').expect(200)).body).toEqual(first);
    const again = await Promise.all([1, 2].map(() => greet(shop.clerkToken, body, 'retry-key-1')));
    expect(again.map((a) => [a.status, a.body])).toEqual([
      [200, first],
      [200, first],
    ]);
    expect(await sandbox('sms', member.phone)).toHaveLength(1);
    const racer = await joinMember(club.request, { storeId: shop.store.id });
    const raced = await Promise.all(
      [1, 2, 3].map(() => greet(shop.clerkToken, { ...body, memberId: racer.id }, 'retry-key-2')),
    );
    expect(raced.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(raced.map((a) => a.body.id)).size).toBe(1);
    const other = await joinMember(club.request, { storeId: shop.store.id });
    const conflict = await greet(shop.clerkToken, { ...body, memberId: other.id }, 'retry-key-1').expect(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // Keys are per clerk: another clerk's same key is a new greeting (refused here by the cap).
    expect((await greet(secondClerkToken, body, 'retry-key-1').expect(409)).body.error.code).toBe(
      'CONTACT_CAP_REACHED',
    );
  });

  it('takes a new member off the worklist’s welcome once greeted', async () => {
    const member = await joinMember(club.request, { storeId: elsewhere.store.id });
    const reasonsOf = async () =>
      (
        (await club.request.get(`${API}/staff/worklist`).set(bearer(elsewhere.clerkToken)).expect(200))
          .body as Worklist
      ).items.find((e) => e.member.id === member.id)?.reasons;
    expect(await reasonsOf()).toContain('welcome');
    await greet(elsewhere.clerkToken, {
      memberId: member.id,
      text: '欢迎入会，{name}！',
      channels: ['inbox'],
    }).expect(201);
    expect(await reasonsOf()).toBeUndefined();
  });

  it('is for clerks of the member’s store; the history for them and managers', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const body = { memberId: member.id, text: '您好', channels: ['inbox'] };
    expect((await greet(elsewhere.clerkToken, body).expect(403)).body.error.code).toBe('FORBIDDEN');
    await greet(managerToken, body).expect(403);
    await greet(member.accessToken, body).expect(403);
    await club.request.post(`${API}/greetings`).send(body).expect(401);
    await club.request
      .get(`${API}/members/${member.id}/contacts`)
      .set(bearer(elsewhere.clerkToken))
      .expect(403);
    await club.request
      .get(`${API}/members/${member.id}/contacts`)
      .set(bearer(member.accessToken))
      .expect(403);
    expect(
      (await greet(shop.clerkToken, { ...body, memberId: '999999999' }).expect(404)).body.error.code,
    ).toBe('NOT_FOUND');
    await club.request.get(`${API}/members/999999999/contacts`).set(bearer(managerToken)).expect(404);
  });

  it.each([
    ['no channel', { channels: [] }, 'channels'],
    ['an unknown channel', { channels: ['fax'] }, 'channels.0'],
    ['a channel twice', { channels: ['inbox', 'inbox'] }, 'channels'],
    ['empty text', { text: '   ' }, 'text'],
    ['text over 500', { text: 'x'.repeat(501) }, 'text'],
    ['an unknown purpose', { purpose: 'spam' }, 'purpose'],
    ['a bad member id', { memberId: 'abc' }, 'memberId'],
    ['both text and a template', { templateId: '1' }, 'text'],
    ['neither text nor a template', { text: undefined }, 'text'],
    ['an unknown field', { subject: '1' }, ''],
  ])('refuses %s with 400 naming the field', async (_, change, field) => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const res = await greet(shop.clerkToken, {
      memberId: member.id,
      text: '您好',
      channels: ['inbox'],
      ...change,
    }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    if (field) expect(fieldsOf(res.body)).toContain(field);
  });

  it('starts from a manager’s template, filled per member, its purpose the greeting’s', async () => {
    const post = (token: string, body: Record<string, unknown>) =>
      club.request.post(`${API}/greeting-templates`).set(bearer(token)).send(body);
    const birthday = (
      await post(managerToken, {
        name: '生日祝福',
        text: '{name}，{birthday}生日快乐！{tier}礼遇等您来领',
      }).expect(201)
    ).body as GreetingTemplate;
    expect(birthday).toMatchObject({ name: '生日祝福', purpose: 'marketing', createdAt: expect.any(String) });
    const thanks = (
      await post(managerToken, { name: '感谢', text: '{name}，感谢您的回复', purpose: 'service' }).expect(201)
    ).body as GreetingTemplate;
    expect((await post(shop.clerkToken, { name: 'x', text: 'y' }).expect(403)).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect(
      fieldsOf((await post(managerToken, { name: '', text: 'y', purpose: 'spam' }).expect(400)).body),
    ).toEqual(expect.arrayContaining(['name', 'purpose']));
    const listed = (
      await club.request.get(`${API}/greeting-templates`).set(bearer(shop.clerkToken)).expect(200)
    ).body as GreetingTemplates;
    expect(listed.items.slice(0, 2).map((t) => t.id)).toEqual([thanks.id, birthday.id]);

    const member = await joinMember(club.request, {
      storeId: shop.store.id,
      name: '吴佳',
      birthday: '05-08',
    });
    await greet(shop.clerkToken, {
      memberId: member.id,
      templateId: birthday.id,
      channels: ['inbox'],
    }).expect(201);
    // The thank-you template is a service message: the cap lets it through right after.
    await greet(shop.clerkToken, { memberId: member.id, templateId: thanks.id, channels: ['inbox'] }).expect(
      201,
    );
    await greet(shop.clerkToken, {
      memberId: member.id,
      templateId: birthday.id,
      channels: ['inbox'],
    }).expect(409);
    const history = (
      await club.request.get(`${API}/members/${member.id}/contacts`).set(bearer(managerToken)).expect(200)
    ).body as MemberContacts;
    expect(history.items.map((c) => [c.purpose, c.text])).toEqual([
      ['service', '吴佳，感谢您的回复'],
      ['marketing', '吴佳，5月8日生日快乐！好友会员礼遇等您来领'],
    ]);
    const missing = await greet(shop.clerkToken, {
      memberId: member.id,
      templateId: '999999',
      channels: ['inbox'],
    });
    expect(missing.status).toBe(404);
  });

  it('requires an Idempotency-Key', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const res = await greet(
      shop.clerkToken,
      { memberId: member.id, text: '您好', channels: ['inbox'] },
      null,
    ).expect(400);
    expect(fieldsOf(res.body)).toContain('Idempotency-Key');
    await greet(
      shop.clerkToken,
      { memberId: member.id, text: '您好', channels: ['inbox'] },
      'x'.repeat(65),
    ).expect(400);
  });
});
