// The embedded database has one connection, so every transaction queues for it
// (src/database/sqlite-serial.ts). Its unit spec proves overlapping transactions no longer share work;
// this one proves the queue holds up under the real app: requests at once and the outbox beside them,
// with their nested transactions, all answered (a queue that made nested work wait for its own outer
// transaction deadlocks here) and every balance equal to its ledger.
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { createPublishedEvent } from '../factories/events.factory';
import { expectBalancesMatchLedger, joinMemberBornIn, purchaseBody } from '../factories/points.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { OutboxService } from '../../src/modules/outbox/outbox.service';

describe('overlapping transactions on the running database', () => {
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

  it('answers every purchase, registration and delivery sent at once, with balances equal to their ledgers', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, () => joinMemberBornIn(club.request)));
    const event = await createPublishedEvent(club.request, managerToken, { capacity: 5, pointsCost: 0 });
    const outbox = club.app.get(OutboxService);

    const purchases = members.flatMap((member, i) =>
      [0, 1, 2].map((n) =>
        club.request
          .post(`${API}/purchases`)
          .set(bearer(managerToken))
          .send(purchaseBody(shop.store.id, { memberId: member.id }, { orderNo: `SQ-${i}-${n}` })),
      ),
    );
    const registrations = members.map((member) =>
      club.request
        .post(`${API}/events/${event.id}/registrations`)
        .set(bearer(member.accessToken))
        .send({ guests: 0 }),
    );
    const [answers] = await Promise.all([
      Promise.all([...purchases, ...registrations]),
      outbox.dispatchAll(),
      outbox.dispatchAll(),
    ]);

    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    const statuses = answers.slice(purchases.length).map((a) => a.body.status as string);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(3);
    await expectBalancesMatchLedger(
      club.app.get(DataSource),
      members.map((m) => m.id),
    );
  });

  it('keeps every answered purchase when refused requests roll back beside it', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => joinMemberBornIn(club.request)));
    // Nobody can pay for this one: each registration is refused and its transaction rolled back.
    const event = await createPublishedEvent(club.request, managerToken, {
      capacity: 50,
      pointsCost: 10_000_000,
    });
    const requests = members.flatMap((member, i) => [
      club.request
        .post(`${API}/purchases`)
        .set(bearer(managerToken))
        .send(purchaseBody(shop.store.id, { memberId: member.id }, { orderNo: `RB-${i}` })),
      club.request.post(`${API}/events/${event.id}/registrations`).set(bearer(member.accessToken)).send({}),
      club.request
        .post(`${API}/purchases`)
        .set(bearer(managerToken))
        .send(purchaseBody(shop.store.id, { memberId: member.id }, { orderNo: `RB-${i}-2` })),
    ]);
    const answers = await Promise.all(requests);

    for (const [i, member] of members.entries()) {
      const [first, refused, second] = answers.slice(i * 3, i * 3 + 3);
      expect([first.status, refused.status, second.status]).toEqual([201, 409, 201]);
      expect(refused.body.error.code).toBe('POINTS_INSUFFICIENT');
      const points = await club.request
        .get(`${API}/me/points/summary`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(points.body.balance).toBe(first.body.pointsEarned + second.body.pointsEarned);
    }
    await expectBalancesMatchLedger(
      club.app.get(DataSource),
      members.map((m) => m.id),
    );
  });
});
