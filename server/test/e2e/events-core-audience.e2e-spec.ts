// Who an event invites, through HTTP on MariaDB: the audience count against a hand-computed set of
// seeded members (tiers × genders × age bands in the club's time zone, including a birthday without
// a year and a member turning 30 today, × interests × stores × hand-picked, erased members never),
// the stored event's audience, and members seeing only what invites them.
import {
  type EventEligibility,
  type EventForMember,
  type Paginated,
  type Tier,
  zonedDateParts,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStore,
  fieldsOf,
  joinMember,
  loginManager,
  type JoinedMember,
} from '../factories/club.factory';
import { createEvent, createPublishedEvent } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const CLUB_TIME_ZONE = 'Asia/Shanghai';
const pad = (n: number) => String(n).padStart(2, '0');

describe('events: who is invited', () => {
  let club: TestApp;
  let managerToken: string;
  let s1: string;
  let s2: string;
  const m: Record<string, JoinedMember> = {};

  // Dates in the club's time zone, as the server reads them.
  const today = zonedDateParts(new Date(), CLUB_TIME_ZONE);
  const tomorrow = zonedDateParts(new Date(Date.now() + 86_400_000), CLUB_TIME_ZONE);
  const Y = today.year;
  const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    s1 = (await createStore(club.request, managerToken)).id;
    s2 = (await createStore(club.request, managerToken)).id;
    const seed: Array<[string, Tier, 'female' | 'male' | 'other', string, string[], string | null]> = [
      // name, tier, gender, birthday, interests, home store
      ['m1', 'gold', 'female', ymd(Y - 30, today.month, today.day), ['茶道', '翡翠'], s1], // 30 today
      ['m2', 'gold', 'female', ymd(Y - 30, tomorrow.month, tomorrow.day), ['茶道'], s1], // 30 tomorrow: 29
      ['m3', 'gold', 'female', `${pad(today.month)}-${pad(today.day)}`, ['茶道'], s1], // no year
      ['m4', 'silver', 'female', ymd(Y - 36, 1, 1), ['翡翠'], s2], // 36
      ['m5', 'diamond', 'male', ymd(Y - 45, 1, 1), ['Golf'], s2], // 45
      ['m6', 'friend', 'male', ymd(Y - 22, 1, 1), [], null], // 22
      ['m7', 'gold', 'other', ymd(Y - 60, 1, 1), ['翡翠'], null], // 60
      ['m8', 'gold', 'female', ymd(Y - 31, 1, 1), ['翡翠', '茶道'], s2], // 31, erased below
    ];
    const db = club.app.get(DataSource);
    for (const [name, tier, gender, birthday, interests, storeId] of seed) {
      m[name] = await joinMember(club.request, {
        gender,
        birthday,
        interests,
        ...(storeId === null ? {} : { storeId }),
      });
      await db.query('UPDATE members SET tier = ? WHERE id = ?', [tier, m[name].id]);
    }
    await db.query('UPDATE members SET erased_at = ?, phone = NULL WHERE id = ?', [new Date(), m.m8.id]);
  });
  afterAll(async () => {
    await club?.close();
  });

  async function count(eligibility: EventEligibility): Promise<number> {
    const res = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(managerToken))
      .send({ eligibility })
      .expect(200);
    return res.body.count as number;
  }

  // The members each eligibility invites, worked out by hand from the seed above (m8 is erased).
  const cases: Array<[string, () => EventEligibility, string[]]> = [
    ['no criterion: everyone', () => ({}), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']],
    ['gold', () => ({ tiers: ['gold'] }), ['m1', 'm2', 'm3', 'm7']],
    ['gold women', () => ({ tiers: ['gold'], genders: ['female'] }), ['m1', 'm2', 'm3']],
    ['30–34 (turning 30 today counts)', () => ({ ageBands: ['30_34'] }), ['m1']],
    ['25–29 (30 tomorrow is still 29)', () => ({ ageBands: ['25_29'] }), ['m2']],
    ['gold 25–34: no year, no band', () => ({ tiers: ['gold'], ageBands: ['25_29', '30_34'] }), ['m1', 'm2']],
    ['50 and over', () => ({ ageBands: ['50_plus'] }), ['m7']],
    ['under 25 or 35–39', () => ({ ageBands: ['under_25', '35_39'] }), ['m6', 'm4']],
    ['tea', () => ({ interests: ['茶道'] }), ['m1', 'm2', 'm3']],
    ['interests regardless of case and spaces', () => ({ interests: ['golf '] }), ['m5']],
    ['any one shared interest', () => ({ interests: ['翡翠', 'GOLF'] }), ['m1', 'm4', 'm5', 'm7']],
    ['home store 1', () => ({ storeIds: [s1] }), ['m1', 'm2', 'm3']],
    ['home store 2', () => ({ storeIds: [s2] }), ['m4', 'm5']],
    ['both stores', () => ({ storeIds: [s1, s2] }), ['m1', 'm2', 'm3', 'm4', 'm5']],
    [
      'hand-picked on top (erased never)',
      () => ({ tiers: ['diamond'], memberIds: [m.m6.id, m.m8.id] }),
      ['m5', 'm6'],
    ],
    ['hand-picked only', () => ({ memberIds: [m.m4.id] }), ['m4']],
    [
      'hand-picked already matching counts once',
      () => ({ tiers: ['gold'], memberIds: [m.m1.id] }),
      ['m1', 'm2', 'm3', 'm7'],
    ],
    [
      'every criterion at once',
      () => ({
        genders: ['male'],
        ageBands: ['40_49'],
        storeIds: [s2],
        interests: ['golf'],
        tiers: ['diamond'],
      }),
      ['m5'],
    ],
    [
      'age and interest, plus one hand-picked outside both',
      () => ({ ageBands: ['30_34'], interests: ['茶道'], memberIds: [m.m2.id] }),
      ['m1', 'm2'],
    ],
    ['nobody', () => ({ tiers: ['diamond'], genders: ['female'] }), []],
  ];

  it.each(cases)('counts %s', async (_what, eligibility, expected) => {
    expect(await count(eligibility())).toBe(expected.length);
  });

  it('lists for each member exactly the published events that invite them (a page apart 404)', async () => {
    const published = [];
    for (const [, eligibility] of cases)
      published.push(await createPublishedEvent(club.request, managerToken, { eligibility: eligibility() }));
    const draft = await createEvent(club.request, managerToken);
    for (const name of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']) {
      const token = m[name].accessToken;
      const res = await club.request.get(`${API}/events?limit=100`).set(bearer(token)).expect(200);
      const seen = (res.body as Paginated<EventForMember>).items.map((e) => e.id).sort();
      const expected = published
        .filter((_, i) => cases[i][2].includes(name))
        .map((e) => e.id)
        .sort();
      expect({ name, seen }).toEqual({ name, seen: expected });
      expect(seen).not.toContain(draft.id);
      for (const [i, event] of published.entries()) {
        const one = await club.request.get(`${API}/events/${event.id}`).set(bearer(token));
        expect({ name, i, status: one.status }).toEqual({
          name,
          i,
          status: cases[i][2].includes(name) ? 200 : 404,
        });
      }
      expect((await club.request.get(`${API}/events/${draft.id}`).set(bearer(token))).status).toBe(404);
    }
  });

  it('GET /events/{id}/audience counts the stored eligibility now', async () => {
    const event = await createEvent(club.request, managerToken, {
      eligibility: { tiers: ['gold'], interests: ['翡翠'] },
    });
    const res = await club.request
      .get(`${API}/events/${event.id}/audience`)
      .set(bearer(managerToken))
      .expect(200);
    expect(res.body).toEqual({ count: 2 }); // m1, m7
    expect((await club.request.get(`${API}/events/999999/audience`).set(bearer(managerToken))).status).toBe(
      404,
    );
  });

  it('refuses bad eligibility with 400 naming the field, and non-managers', async () => {
    const bad = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(managerToken))
      .send({ eligibility: { ageBands: ['teens'] } });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['eligibility.ageBands.0']);
    const unknown = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(managerToken))
      .send({ eligibility: {}, extra: 1 });
    expect(fieldsOf(unknown.body)).toEqual(['extra']);
    const missing = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(managerToken))
      .send({});
    expect(fieldsOf(missing.body)).toEqual(['eligibility']);
    const member = await club.request
      .post(`${API}/events/audience-count`)
      .set(bearer(m.m1.accessToken))
      .send({ eligibility: {} });
    expect(member.status).toBe(403);
    expect((await club.request.post(`${API}/events/audience-count`).send({ eligibility: {} })).status).toBe(
      401,
    );
    const event = await createEvent(club.request, managerToken);
    expect(
      (await club.request.get(`${API}/events/${event.id}/audience`).set(bearer(m.m1.accessToken))).status,
    ).toBe(403);
  });
});
