// The audience query at club scale on MariaDB: 300,000 members of every tier, gender, age, store and
// a mix of interests. The editor's live count must answer well under a second whatever the
// criteria, and the keyset pages the invitations fan-out reads must find exactly the members the
// count counted (two independent paths: grouped SQL + rule per combination vs. the rule per row).
import { DataSource } from 'typeorm';
import { API, bearer, createStore, loginManager } from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { EventAudience } from '../../src/modules/events/event-audience';
import type { EventEligibility } from '@vip-club/shared';

const MEMBERS = 300_000;
const INTEREST_SETS = [
  '["茶道"]',
  '["翡翠","黄金"]',
  '["高尔夫"]',
  '[]',
  '["茶道","旅行"]',
  '["Golf "]',
  '["钻石"]',
];
// Longer than the count groups in SQL (200 bytes): read row by row. Rare, as twelve long tags are.
const LONG_INTERESTS = JSON.stringify([...Array.from({ length: 11 }, (_, i) => `古典珠宝收藏${i}`), '茶道']);

describe('events: the audience at 300,000 members', () => {
  let club: TestApp;
  let managerToken: string;
  let stores: string[];

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    stores = [
      (await createStore(club.request, managerToken)).id,
      (await createStore(club.request, managerToken)).id,
    ];
    const db = club.app.get(DataSource);
    // MariaDB's sequence engine makes the rows in one statement (a few seconds).
    const interests = `IF(seq MOD 499 = 0, '${LONG_INTERESTS}', ELT(1 + seq MOD ${INTEREST_SETS.length}, ${INTEREST_SETS.map((s) => `'${s}'`).join(', ')}))`;
    await db.query(
      `INSERT INTO members (member_no, name, gender, birth_year, birth_month, birth_day, birth_md, interests,
         store_id, tier, referral_code, joined_at, erased_at)
       SELECT 100000000 + seq, CONCAT('会员', seq), ELT(1 + seq MOD 3, 'female', 'male', 'other'),
         IF(seq MOD 10 = 0, NULL, 1950 + seq MOD 55), 1 + seq MOD 12, 1 + seq MOD 28,
         (1 + seq MOD 12) * 100 + 1 + seq MOD 28, ${interests},
         ELT(1 + seq MOD 3, NULL, ?, ?), ELT(1 + seq MOD 4, 'friend', 'silver', 'gold', 'diamond'),
         CONCAT('R', seq), NOW(3), IF(seq MOD 97 = 0, NOW(3), NULL)
       FROM seq_1_to_${MEMBERS}`,
      stores,
    );
  }, 60_000);
  afterAll(async () => {
    await club?.close();
  });

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  async function timedCount(eligibility: EventEligibility): Promise<{ count: number; ms: number }> {
    const times: number[] = [];
    let count = -1;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await club.request
        .post(`${API}/events/audience-count`)
        .set(bearer(managerToken))
        .send({ eligibility })
        .expect(200);
      times.push(performance.now() - started);
      count = res.body.count as number;
    }
    return { count, ms: median(times) };
  }

  /** The least any exact count must do: read every member's interests once (median of 3). */
  async function fullScanMs(): Promise<number> {
    const db = club.app.get(DataSource);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await db.query('SELECT SUM(LENGTH(interests)) AS n FROM members WHERE erased_at IS NULL');
      times.push(performance.now() - started);
    }
    return median(times);
  }

  async function pagedCount(eligibility: EventEligibility): Promise<number> {
    const audience = club.app.get(EventAudience);
    const em = club.app.get(DataSource).manager;
    let afterId: string | null = null;
    let total = 0;
    do {
      const page = await audience.eligibleMembersPage(em, eligibility, new Date(), afterId, 5000);
      total += page.members.length;
      afterId = page.nextAfterId;
    } while (afterId !== null);
    return total;
  }

  // Paging through a third of the club row by row takes a while here: the widest audiences are only timed.
  const criteria: Array<[string, () => EventEligibility, 'timed' | 'timed and paged']> = [
    ['everyone', () => ({}), 'timed'],
    ['gold women', () => ({ tiers: ['gold'], genders: ['female'] }), 'timed and paged'],
    ['tea or golf', () => ({ interests: ['茶道', 'golf'] }), 'timed'],
    [
      'diamond men into tea or golf',
      () => ({ tiers: ['diamond'], genders: ['male'], interests: ['茶道', 'golf'] }),
      'timed and paged',
    ],
    ['30–39', () => ({ ageBands: ['30_34', '35_39'] }), 'timed and paged'],
    [
      'every criterion',
      () => ({
        tiers: ['gold', 'diamond'],
        genders: ['female', 'other'],
        ageBands: ['25_29', '50_plus'],
        interests: ['翡翠'],
        storeIds: [stores[0]],
        memberIds: ['12', '13', '14'],
      }),
      'timed and paged',
    ],
  ];

  // The machine is shared and its speed drifts (TOOLCHAIN.md): the count is held to a bound in
  // absolute terms and, when the machine is loaded, to a ratio of a plain scan measured alongside.
  it.each(criteria)(
    'counts %s well under a second',
    async (what, eligibility, how) => {
      await timedCount(eligibility()); // warm the buffer pool and the statement path
      const { count, ms } = await timedCount(eligibility());
      const scan = await fullScanMs();
      console.log(
        `audience count, ${what}: ${count} members, ${ms.toFixed(0)} ms (plain scan ${scan.toFixed(0)} ms)`,
      );
      expect(count).toBeGreaterThan(0);
      expect(ms).toBeLessThan(Math.max(800, 6 * scan));
      if (how === 'timed and paged') expect(await pagedCount(eligibility())).toBe(count);
    },
    40_000,
  );
});
