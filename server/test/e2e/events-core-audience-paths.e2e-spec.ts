// The audience count and the fan-out's pages are two paths to one answer: the count groups in SQL
// and runs the shared rule once per distinct (birth date, interests) combination; the pages read
// members in keyset order and run the rule per row. On a few thousand seeded members of every tier,
// gender, age (no birthday, no birth year), store and interests list (long lists included, read
// apart by the count), both must name exactly the members a brute-force pass of `isEligibleForEvent`
// over every live member names. How fast the count is, at 300,000 members: bench/audience.bench.mjs.
import {
  type EventAudienceMember,
  type EventEligibility,
  type Gender,
  isEligibleForEvent,
  type Tier,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import { EventAudience } from '../../src/modules/events/event-audience';
import { createStore, loginManager } from '../factories/club.factory';
import { audienceCount } from '../factories/events.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const MEMBERS = 4_000;
const INTEREST_SETS = [
  '["茶道"]',
  '["翡翠","黄金"]',
  '["高尔夫"]',
  '[]',
  '["茶道","旅行"]',
  '["Golf "]',
  '["钻石"]',
];
// Longer than the count groups in SQL (200 bytes): the count reads these row by row.
const LONG_INTERESTS = JSON.stringify([...Array.from({ length: 11 }, (_, i) => `古典珠宝收藏${i}`), '茶道']);
/** Small next to the count's scan chunk (2,000 rows), so pages end mid-chunk and resume by keyset. */
const PAGE = 300;

interface SeededMember extends EventAudienceMember {
  erased: boolean;
}

describe('events: the audience count, the fan-out pages and the rule agree', () => {
  let club: TestApp;
  let managerToken: string;
  let stores: string[];
  let members: SeededMember[];

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    stores = [
      (await createStore(club.request, managerToken)).id,
      (await createStore(club.request, managerToken)).id,
    ];
    const db = club.app.get(DataSource);
    // MariaDB's sequence engine makes the rows in one statement. The moduli are coprime-ish so the
    // criteria combine in every way; every 10th member has no birth year, every 23rd no birthday.
    const interests = `IF(seq MOD 53 = 0, '${LONG_INTERESTS}', ELT(1 + seq MOD ${INTEREST_SETS.length}, ${INTEREST_SETS.map((s) => `'${s}'`).join(', ')}))`;
    await db.query(
      `INSERT INTO members (member_no, name, gender, birth_year, birth_month, birth_day, birth_md, interests,
         store_id, tier, referral_code, joined_at, erased_at)
       SELECT 100000000 + seq, CONCAT('会员', seq), ELT(1 + seq MOD 3, 'female', 'male', 'other'),
         IF(seq MOD 10 = 0 OR seq MOD 23 = 0, NULL, 1950 + seq MOD 55),
         IF(seq MOD 23 = 0, NULL, 1 + seq MOD 12), IF(seq MOD 23 = 0, NULL, 1 + seq MOD 28),
         IF(seq MOD 23 = 0, NULL, (1 + seq MOD 12) * 100 + 1 + seq MOD 28), ${interests},
         ELT(1 + seq MOD 3, NULL, ?, ?), ELT(1 + seq MOD 4, 'friend', 'silver', 'gold', 'diamond'),
         CONCAT('R', seq), NOW(3), IF(seq MOD 97 = 0, NOW(3), NULL)
       FROM seq_1_to_${MEMBERS}`,
      stores,
    );
    // Read back every member, erased ones too, as the rule sees them.
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT id, tier, gender, birth_year, birth_month, birth_day, interests, store_id, erased_at FROM members`,
    );
    members = rows.map((row) => ({
      id: String(row.id),
      tier: row.tier as Tier,
      gender: row.gender as Gender,
      birthday:
        row.birth_month === null
          ? null
          : {
              month: Number(row.birth_month),
              day: Number(row.birth_day),
              ...(row.birth_year === null ? {} : { year: Number(row.birth_year) }),
            },
      interests: JSON.parse(String(row.interests)) as string[],
      storeId: row.store_id === null ? null : String(row.store_id),
      erased: row.erased_at !== null,
    }));
  }, 60_000);
  afterAll(async () => {
    await club?.close();
  });

  function bruteForce(eligibility: EventEligibility, now: Date): string[] {
    const timeZone = club.app.get(AppConfig).club.timezone;
    return members
      .filter((m) => !m.erased && isEligibleForEvent(m, eligibility, now, timeZone))
      .map((m) => m.id);
  }

  async function pagedIds(eligibility: EventEligibility, now: Date): Promise<string[]> {
    const audience = club.app.get(EventAudience);
    const em = club.app.get(DataSource).manager;
    const ids: string[] = [];
    let afterId: string | null = null;
    do {
      const page = await audience.eligibleMembersPage(em, eligibility, now, afterId, PAGE);
      expect(page.members.length).toBeLessThanOrEqual(PAGE);
      ids.push(...page.members.map((m) => m.id));
      afterId = page.nextAfterId;
    } while (afterId !== null);
    return ids;
  }

  /** A live member outside most criteria, an erased one and a live one, for the hand-picked lists. */
  function picks(): string[] {
    const erased = members.find((m) => m.erased);
    const noBirthday = members.find((m) => !m.erased && m.birthday === null && m.tier === 'friend');
    const male = members.find((m) => !m.erased && m.gender === 'male' && m.tier === 'silver');
    return [erased, noBirthday, male].map((m) => {
      if (m === undefined) throw new Error('the seed lacks a member the picks need');
      return m.id;
    });
  }

  const criteria: Array<[string, () => EventEligibility]> = [
    ['everyone', () => ({})],
    ['gold women', () => ({ tiers: ['gold'], genders: ['female'] })],
    ['other gender at the second store', () => ({ genders: ['other'], storeIds: [stores[1]] })],
    ['tea or golf (case and spaces ignored)', () => ({ interests: ['茶道', 'golf'] })],
    ['a tag only long lists hold', () => ({ interests: ['古典珠宝收藏3'] })],
    [
      'diamond men into tea or golf',
      () => ({ tiers: ['diamond'], genders: ['male'], interests: ['茶道', 'golf'] }),
    ],
    ['30–39', () => ({ ageBands: ['30_34', '35_39'] })],
    ['under 25 or 50 and over (open-ended bands)', () => ({ ageBands: ['under_25', '50_plus'] })],
    ['hand-picked only (one erased)', () => ({ memberIds: picks() })],
    [
      'every criterion, plus hand-picked',
      () => ({
        tiers: ['gold', 'diamond'],
        genders: ['female', 'other'],
        ageBands: ['25_29', '50_plus'],
        interests: ['翡翠'],
        storeIds: [stores[0]],
        memberIds: picks(),
      }),
    ],
  ];

  it.each(criteria)('%s: count = pages = the rule over every member', async (_what, build) => {
    const eligibility = build();
    const now = new Date();
    const expected = bruteForce(eligibility, now);
    const count = await audienceCount(club.request, managerToken, eligibility);
    const paged = await pagedIds(eligibility, now);

    expect(count).toBe(expected.length);
    // The same members, each once, in id order: what a fan-out resumed by keyset must read.
    expect(paged).toEqual([...expected].sort((a, b) => Number(a) - Number(b)));
  });

  it('the seed is varied enough for the cases above to mean something', () => {
    const live = members.filter((m) => !m.erased);
    expect(live.length).toBeGreaterThan(MEMBERS * 0.95);
    expect(members.some((m) => m.erased)).toBe(true);
    expect(live.some((m) => m.birthday !== null && m.birthday.year === undefined)).toBe(true);
    expect(live.some((m) => m.birthday === null)).toBe(true);
    expect(live.filter((m) => m.interests.length > 10).length).toBeGreaterThan(PAGE / 10);
    // Every case but "everyone" narrows, and none is empty.
    const now = new Date();
    for (const [, build] of criteria.slice(1)) {
      const n = bruteForce(build(), now).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(live.length);
    }
  });
});
