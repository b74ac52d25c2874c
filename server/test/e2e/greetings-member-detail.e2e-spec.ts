// The contact history inside GET /members/{id}, on MariaDB: the latest 20 contacts, newest first, in the
// shape of GET /members/{id}/contacts; clerks of other stores still get 403.
import type { MemberContact, MemberContacts, MemberDetail } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  type StoreAndClerk,
  unique,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('GET /members/{id} with the contact history', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let elsewhere: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    elsewhere = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  const detail = async (token: string, id: string, status = 200) =>
    (await club.request.get(`${API}/members/${id}`).set(bearer(token)).expect(status)).body as MemberDetail;
  const history = async (id: string) =>
    (
      (await club.request.get(`${API}/members/${id}/contacts`).set(bearer(managerToken)).expect(200))
        .body as MemberContacts
    ).items;

  it('lists the contacts newest first, as the history does, with who made each and what was delivered', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    expect((await detail(shop.clerkToken, member.id)).contacts).toEqual([]);
    const greet = (text: string, purpose: 'marketing' | 'service') =>
      club.request
        .post(`${API}/greetings`)
        .set(bearer(shop.clerkToken))
        .set('Idempotency-Key', unique('detail-'))
        .send({ memberId: member.id, text, channels: ['inbox', 'wechat'], purpose })
        .expect(201);
    await greet('欢迎入会', 'marketing');
    await greet('您的戒指已保养完毕', 'service');

    const contacts = (await detail(shop.clerkToken, member.id)).contacts;
    expect(contacts.map((c) => [c.text, c.purpose])).toEqual([
      ['您的戒指已保养完毕', 'service'],
      ['欢迎入会', 'marketing'],
    ]);
    const first: MemberContact = contacts[1];
    expect(first).toEqual({
      id: expect.any(String),
      staffId: shop.clerk.id,
      staffName: '王店员',
      purpose: 'marketing',
      text: '欢迎入会',
      deliveries: [
        { channel: 'inbox', status: 'queued' },
        {
          channel: 'wechat',
          status: 'skipped',
          reason: 'the member has not accepted greetings on WeChat',
          code: 'not_subscribed',
        },
      ],
      at: expect.any(String),
    });
    expect(contacts).toEqual(await history(member.id));
    expect((await detail(managerToken, member.id)).contacts).toEqual(contacts);
  });

  it('shows the latest 20 of a longer history', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const ds = club.app.get(DataSource);
    const start = Date.now() - 30 * 86_400_000;
    for (let i = 0; i < 23; i++) {
      await ds.query(
        'INSERT INTO member_contacts (member_id, staff_id, purpose, text, deliveries, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          member.id,
          shop.clerk.id,
          'service',
          `第 ${i} 次`,
          '[]',
          unique('seed-'),
          new Date(start + i * 3_600_000),
        ],
      );
    }
    const contacts = (await detail(shop.clerkToken, member.id)).contacts;
    expect(contacts).toHaveLength(20);
    expect(contacts[0].text).toBe('第 22 次');
    expect(contacts[19].text).toBe('第 3 次');
    expect(contacts).toEqual((await history(member.id)).slice(0, 20));
  });

  it('reads a contact recorded before skipped deliveries had a code as it was stored', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const deliveries = [
      { channel: 'inbox', status: 'queued' },
      { channel: 'sms', status: 'skipped', reason: 'the SMS provider refused: timeout' },
    ];
    await club.app
      .get(DataSource)
      .query(
        'INSERT INTO member_contacts (member_id, staff_id, purpose, text, deliveries, idempotency_key, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          member.id,
          shop.clerk.id,
          'marketing',
          '旧的问候',
          JSON.stringify(deliveries),
          unique('old-'),
          new Date(),
        ],
      );
    const [contact] = (await detail(shop.clerkToken, member.id)).contacts;
    expect(contact.deliveries).toEqual(deliveries);
    expect(await history(member.id)).toEqual([contact]);
  });

  it("keeps another store's members from their clerks", async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const res = await club.request
      .get(`${API}/members/${member.id}`)
      .set(bearer(elsewhere.clerkToken))
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await club.request.get(`${API}/members/${member.id}`).set(bearer(member.accessToken)).expect(403);
  });
});
