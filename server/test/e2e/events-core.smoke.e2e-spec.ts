// The events editor on either database: a manager drafts an event for gold members of one store,
// counts who it invites, publishes it; the gold member of that store sees it with seats left,
// another member does not, and a manager's edit and cancellation go through.
import type { ClubEvent, EventForMember, Paginated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { API, bearer, createStore, joinMember, loginManager } from '../factories/club.factory';
import { createEvent, publishEvent } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('events (smoke)', () => {
  let club: TestApp;

  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('create → count → publish → members list → edit → cancel', async () => {
    const managerToken = (await loginManager(club.request)).accessToken;
    const store = await createStore(club.request, managerToken);
    const invited = await joinMember(club.request, {
      storeId: store.id,
      birthday: `${new Date().getUTCFullYear() - 33}-03-08` /* 32 or 33 */,
      interests: ['茶道'],
    });
    const other = await joinMember(club.request, { storeId: store.id, interests: ['茶道'] });
    const db = club.app.get(DataSource);
    await db.query('UPDATE members SET tier = ? WHERE id = ?', ['gold', invited.id]);

    const eligibility = {
      tiers: ['gold' as const],
      storeIds: [store.id],
      ageBands: ['30_34' as const, '35_39' as const],
      interests: ['茶道 '],
    };
    const counted = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(managerToken))
      .send({ eligibility })
      .expect(200);
    expect(counted.body).toEqual({ count: 1 });

    const draft = await createEvent(club.request, managerToken, {
      storeId: store.id,
      eligibility,
      capacity: 30,
    });
    expect(draft.status).toBe('draft');
    const hidden = await club.request.get(`${API}/events`).set(bearer(invited.accessToken)).expect(200);
    expect((hidden.body as Paginated<EventForMember>).items).toEqual([]);

    const published = await publishEvent(club.request, managerToken, draft.id);
    expect(published.status).toBe('published');
    const list = await club.request.get(`${API}/events`).set(bearer(invited.accessToken)).expect(200);
    const items = (list.body as Paginated<EventForMember>).items;
    expect(items.map((e) => e.id)).toEqual([draft.id]);
    expect(items[0]).toMatchObject({ state: 'open', seatsLeft: 30, store: { id: store.id } });
    const notInvited = await club.request.get(`${API}/events`).set(bearer(other.accessToken)).expect(200);
    expect((notInvited.body as Paginated<EventForMember>).items).toEqual([]);
    expect((await club.request.get(`${API}/events/${draft.id}`).set(bearer(other.accessToken))).status).toBe(
      404,
    );

    const edited = await club.request
      .patch(`${API}/events/${draft.id}`)
      .set(bearer(managerToken))
      .send({ capacity: 40, venue: '外滩店二楼' })
      .expect(200);
    expect(edited.body as ClubEvent).toMatchObject({ capacity: 40, seatsLeft: 40, venue: '外滩店二楼' });

    const cancelled = await club.request
      .post(`${API}/events/${draft.id}/cancellation`)
      .set(bearer(managerToken))
      .send({ reason: '场地检修' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '场地检修' });
    const after = await club.request.get(`${API}/events`).set(bearer(invited.accessToken)).expect(200);
    expect((after.body as Paginated<EventForMember>).items).toEqual([]);
  });
});
