// The main points flow on whichever database the project runs (the embedded SQLite in the smoke project).
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { expectBalancesMatchLedger, joinMemberBornIn, purchaseBody } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('purchases smoke', () => {
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

  it('records, replays, refunds, adjusts and expires points, the balance always the sum of the ledger', async () => {
    const member = await joinMemberBornIn(club.request);
    const code = (await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200))
      .body.code;
    const body = purchaseBody(shop.store.id, { cardCode: code }, { amount: 300_000 });
    const first = await club.request
      .post(`${API}/purchases`)
      .set(bearer(shop.clerkToken))
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({
      pointsEarned: 3000,
      balance: 3000,
      tier: 'silver',
      tierChanged: true,
    });
    const again = await club.request
      .post(`${API}/purchases`)
      .set(bearer(shop.clerkToken))
      .send(body)
      .expect(200);
    expect(again.body).toEqual(first.body);

    const key = await club.request
      .post(`${API}/stores/${shop.store.id}/api-keys`)
      .set(bearer(managerToken))
      .send({})
      .expect(201);
    const till = await club.request
      .post(`${API}/purchases`)
      .set('X-Api-Key', key.body.key)
      .send(purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }))
      .expect(201);
    expect(till.body).toMatchObject({ pointsEarned: 1200, balance: 4200 });

    const refund = await club.request
      .post(`${API}/purchases/${first.body.purchase.id}/refunds`)
      .set(bearer(shop.clerkToken))
      .send({ amount: 150_000, reason: '退一半' })
      .expect(201);
    expect(refund.body).toMatchObject({ pointsReversed: 1500, balance: 2700, refundableLeft: 150_000 });

    const adjusted = await club.request
      .post(`${API}/members/${member.id}/points/adjustments`)
      .set(bearer(managerToken))
      .send({ delta: -200, reason: '更正' })
      .expect(201);
    expect(adjusted.body).toMatchObject({ kind: 'adjust', delta: -200, balanceAfter: 2500 });

    const rules = await club.request.get(`${API}/rules`).set(bearer(managerToken)).expect(200);
    await club.request
      .put(`${API}/rules`)
      .set(bearer(managerToken))
      .send({ ...rules.body.rules, returnWindowDays: 7 })
      .expect(200);
    const pending = await club.request
      .post(`${API}/purchases`)
      .set(bearer(managerToken))
      .send(purchaseBody(shop.store.id, { memberId: member.id }, { amount: 100_000 }))
      .expect(201);
    expect(pending.body.pendingUntil).not.toBeNull();
    const summary = await club.request
      .get(`${API}/me/points/summary`)
      .set(bearer(member.accessToken))
      .expect(200);
    expect(summary.body).toMatchObject({ balance: 3700, pending: 1200, spendable: 2500 });

    await club.request.post(`${API}/jobs/points-expiry/runs`).set(bearer(managerToken)).expect(201);
    await club.request.post(`${API}/jobs/points-expiry/runs`).set(bearer(managerToken)).expect(200);
    await club.request.post(`${API}/jobs/tier-review/runs`).set(bearer(managerToken)).expect(201);

    const ledger = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
    expect(ledger.body.items.map((e: { kind: string }) => e.kind)).toEqual([
      'earn',
      'adjust',
      'refund_reversal',
      'earn',
      'earn',
    ]);
    await expectBalancesMatchLedger(club.app.get(DataSource), [member.id]);
  });
});
