// SMS through the real HTTP provider client: with SMS_API_BASE set, a greeting's SMS is POSTed to that
// gateway (here a server the test runs) with the key as a bearer token; a gateway that refuses turns
// the delivery to `skipped` with the reason, on the member's history too.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MemberContacts } from '@vip-club/shared';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('greetings by SMS through an HTTP gateway', () => {
  let gateway: Server;
  let club: TestApp;
  let shop: StoreAndClerk;
  let managerToken: string;
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: unknown }> = [];
  let answer = 200;

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw || 'null') });
        res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = (gateway.address() as AddressInfo).port;
    club = await startTestApp({
      env: { SMS_API_BASE: `http://127.0.0.1:${port}/v1/`, SMS_API_KEY: 'sms-key-1' },
    });
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
    await new Promise((resolve) => gateway?.close(resolve));
  });

  const greet = (memberId: string) =>
    club.request
      .post(`${API}/greetings`)
      .set(bearer(shop.clerkToken))
      .set('Idempotency-Key', `sms-${memberId}`)
      .send({ memberId, text: '{name}，您的首饰已可免费清洗保养', channels: ['sms'], purpose: 'service' });

  it('posts the filled text to the gateway with the key', async () => {
    const member = await joinMember(club.request, { storeId: shop.store.id, name: '周婉' });
    const res = await greet(member.id).expect(201);
    expect(res.body.deliveries).toEqual([{ channel: 'sms', status: 'queued' }]);
    expect(received).toEqual([
      expect.objectContaining({
        path: '/v1/messages',
        headers: expect.objectContaining({ authorization: 'Bearer sms-key-1' }),
        body: { to: member.phone, text: '周婉，您的首饰已可免费清洗保养' },
      }),
    ]);
  });

  it('records a refused SMS as skipped with the reason', async () => {
    answer = 503;
    const member = await joinMember(club.request, { storeId: shop.store.id });
    const res = await greet(member.id).expect(201);
    const skipped = {
      channel: 'sms',
      status: 'skipped',
      reason: 'the SMS provider refused: the SMS gateway answered 503',
      code: 'provider_refused',
    };
    expect(res.body.deliveries).toEqual([skipped]);
    const history = (
      await club.request.get(`${API}/members/${member.id}/contacts`).set(bearer(managerToken)).expect(200)
    ).body as MemberContacts;
    expect(history.items.map((c) => c.deliveries)).toEqual([[skipped]]);
    // A retry answers what happened, and sends nothing again.
    expect((await greet(member.id).expect(200)).body.deliveries).toEqual([skipped]);
    expect(received).toHaveLength(2);
  });
});
