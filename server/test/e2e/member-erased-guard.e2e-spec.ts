// An erased member's access token (it lives 15 minutes) is refused by the global guard on every member
// route, 401 UNAUTHENTICATED as a deactivated staff account's is, and nothing she sends is written; her
// refresh token is refused too. Through HTTP on MariaDB.
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
} from '../factories/club.factory';
import { expectContractError } from '../factories/contract/contract-http';
import { createPublishedEvent } from '../factories/events.factory';
import { adjustPoints, createReward, redeem } from '../factories/rewards.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Rows that a member's own requests could add, counted by SQL. */
async function rowsOf(club: TestApp, memberId: string): Promise<Record<string, number>> {
  const db = club.app.get(DataSource);
  const counts: Record<string, number> = {};
  for (const table of [
    'redemptions',
    'event_registrations',
    'points_ledger',
    'member_subscriptions',
    'feedback',
    'feedback_photos',
  ]) {
    const [row] = (await db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE member_id = ?`, [memberId])) as Array<{
      n: unknown;
    }>;
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('an erased member at the guard', () => {
  let club: TestApp;
  let managerToken: string;
  let storeId: string;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    storeId = (await createStoreAndClerk(club.request, managerToken)).store.id;
  });
  afterAll(async () => {
    await club?.close();
  });

  const erase = async (member: JoinedMember) => {
    await club.request.delete(`${API}/me`).set(bearer(member.accessToken)).expect(204);
  };

  it('refuses her still-valid access token on every member route, and writes nothing', async () => {
    const member = await joinMember(club.request, { storeId });
    await adjustPoints(club.request, managerToken, member.id, 1_000);
    const [reward, event] = await Promise.all([
      createReward(club.request, managerToken, { pointsCost: 100 }),
      createPublishedEvent(club.request, managerToken),
    ]);
    // The token works before she leaves.
    await club.request.get(`${API}/me/inbox`).set(bearer(member.accessToken)).expect(200);
    await erase(member);
    const before = await rowsOf(club, member.id);

    const token = bearer(member.accessToken);
    const calls = {
      'GET /me/points': club.request.get(`${API}/me/points`).set(token),
      'GET /me/inbox': club.request.get(`${API}/me/inbox`).set(token),
      'GET /me/inbox/unread-count': club.request.get(`${API}/me/inbox/unread-count`).set(token),
      'GET /me/referral': club.request.get(`${API}/me/referral`).set(token),
      'GET /me/card-code': club.request.get(`${API}/me/card-code`).set(token),
      'GET /rewards': club.request.get(`${API}/rewards`).set(token),
      'GET /events': club.request.get(`${API}/events`).set(token),
      'POST /rewards/{id}/redemptions': redeem(club.request, member.accessToken, reward.id),
      'POST /events/{id}/registrations': club.request
        .post(`${API}/events/${event.id}/registrations`)
        .set(token)
        .set('Idempotency-Key', `erased-${member.id}`)
        .send({ guests: 0 }),
      'POST /me/subscriptions': club.request
        .post(`${API}/me/subscriptions`)
        .set(token)
        .send({ results: [{ template: 'event_reminder', accepted: true }] }),
      'POST /feedback': club.request
        .post(`${API}/feedback`)
        .set(token)
        .send({ subject: 'store', refId: storeId, rating: 2, comment: '还在吗' }),
    };
    for (const [route, call] of Object.entries(calls)) {
      const res = await call;
      expect({ route, status: res.status, code: res.body?.error?.code }).toEqual({
        route,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expectContractError(res, 401, 'UNAUTHENTICATED');
    }
    expect(await rowsOf(club, member.id)).toEqual(before);
  });

  it('still serves the members who stay, and refuses the one who left at once, each time', async () => {
    const [leaving, staying] = await Promise.all([
      joinMember(club.request, { storeId }),
      joinMember(club.request, { storeId }),
    ]);
    // Both are remembered as live by the guard before she leaves: the erasure must not wait that out.
    await club.request.get(`${API}/me/inbox`).set(bearer(leaving.accessToken)).expect(200);
    await club.request.get(`${API}/me/inbox`).set(bearer(staying.accessToken)).expect(200);
    await erase(leaving);
    for (let i = 0; i < 3; i++) {
      expectContractError(
        await club.request.get(`${API}/me/inbox`).set(bearer(leaving.accessToken)),
        401,
        'UNAUTHENTICATED',
      );
      await club.request.get(`${API}/me/inbox`).set(bearer(staying.accessToken)).expect(200);
    }
  });

  it('mints no member token on a refresh that finds her erased while her account is still bound', async () => {
    // The moment a refresh can hit: her erasure has marked her erased, and her platform account still
    // names her (the unbinding and the revoked refresh tokens are not seen yet).
    const member = await joinMember(club.request, { storeId });
    await club.app
      .get(DataSource)
      .query('UPDATE members SET erased_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [member.id]);
    expectContractError(
      await club.request.post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('refuses her refresh token: no new member token after she left', async () => {
    const member = await joinMember(club.request, { storeId });
    await erase(member);
    expectContractError(
      await club.request.post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }),
      401,
      'UNAUTHENTICATED',
    );
  });
});
