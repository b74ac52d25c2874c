import {
  DEFAULT_CLUB_RULES,
  generateMemberNo,
  type Gender,
  type LedgerKind,
  pointsExpiryAt,
  tierForSpend,
} from '@vip-club/shared';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MemberIdentityEntity } from '../../modules/auth/entities/member-identity.entity';
import { MemberEntity } from '../../modules/members/entities/member.entity';
import { PointsLedgerEntryEntity } from '../../modules/members/entities/points-ledger-entry.entity';
import { PointsLotEntity } from '../../modules/points/entities/points-lot.entity';
import { PurchaseEntity } from '../../modules/points/entities/purchase.entity';
import { RuleSetEntity } from '../../modules/points/entities/rule-set.entity';
import { REFERRAL_ALPHABET, REFERRAL_CODE_LENGTH } from '../../modules/members/members.service';
import { StaffEntity } from '../../modules/staff/entities/staff.entity';
import { PasswordHasher } from '../../modules/staff/password-hasher';
import { StoreEntity } from '../../modules/stores/entities/store.entity';
import { DEMO_STORES, FEMALE_GIVEN, INTERESTS, MALE_GIVEN, OCCUPATIONS, SURNAMES } from './demo-people';

export const DEMO_MANAGER = { username: 'manager', password: 'club-manager-2026' } as const;
export const DEMO_CLERK_PASSWORD = 'club-clerk-2026';
export const DEMO_CLERKS_PER_STORE = 2;

export interface SeedDemoOptions {
  /** How many members; 60 for the demo, hundreds of thousands for bench/. */
  members: number;
  /** Rows per multi-row INSERT. */
  batchSize?: number;
  /** Seed of the pseudo-random choices: the same seed gives the same club. */
  seed?: number;
  /** "Now" of the demo (joining dates lie in the three years before it). */
  now?: Date;
}

export interface SeedDemoResult {
  storeIds: string[];
  clerkIds: string[];
  members: number;
  ledgerEntries: number;
}

/** mulberry32: small, fast and reproducible, which Math.random is not. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Qualifying spend (minor units) by tier: the demo shows every tier, most members at the bottom. */
const SPEND_BANDS: Array<{ weight: number; min: number; max: number }> = [
  { weight: 50, min: 0, max: 299_999 },
  { weight: 28, min: 300_000, max: 999_999 },
  { weight: 15, min: 1_000_000, max: 2_999_999 },
  { weight: 7, min: 3_000_000, max: 9_000_000 },
];

/**
 * Loads the demo club: 3 stores, the demo manager (unless a manager of that name exists), two
 * clerks per store, and `members` members with birthdays over all twelve months (some without a
 * year, one on 29 February), every tier, points that are the sum of their ledger, and sandbox
 * platform accounts `demo-<n>` (WeChat and Alipay), so `sandbox:demo-1` logs in as member 1.
 * Each earning comes with the purchase it stands for (order `DEMO-<memberNo>-<k>` at her home
 * store), so the overview, member detail and worklist see a club that buys.
 * Members go in with multi-row INSERTs, `batchSize` at a time, one transaction per batch.
 */
export async function seedDemoClub(
  dataSource: DataSource,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const random = prng(options.seed ?? 20_260_101);
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1_000;
  const hasher = new PasswordHasher();

  const { storeIds, clerksByStore } = await dataSource.transaction(async (em) => {
    const stores = await em
      .getRepository(StoreEntity)
      .save(DEMO_STORES.map((s) => ({ ...s, createdAt: now })));
    const staff = em.getRepository(StaffEntity);
    if (!(await staff.findOneBy({ username: DEMO_MANAGER.username }))) {
      await staff.save({
        username: DEMO_MANAGER.username,
        passwordHash: await hasher.hash(DEMO_MANAGER.password),
        name: '陈经理',
        role: 'manager',
        storeId: null,
        active: true,
        createdAt: now,
      });
    }
    const clerkHash = await hasher.hash(DEMO_CLERK_PASSWORD);
    const byStore: string[][] = [];
    let n = 0;
    for (const store of stores) {
      const ids: string[] = [];
      for (let i = 0; i < DEMO_CLERKS_PER_STORE; i++) {
        n += 1;
        const username = `clerk${n}`;
        const existing = await staff.findOneBy({ username });
        const clerk =
          existing ??
          (await staff.save({
            username,
            passwordHash: clerkHash,
            name: `${SURNAMES[n % SURNAMES.length]}${FEMALE_GIVEN[n % FEMALE_GIVEN.length]}`,
            role: 'clerk',
            storeId: store.id,
            active: true,
            createdAt: now,
          }));
        ids.push(clerk.id);
      }
      byStore.push(ids);
    }
    return { storeIds: stores.map((s) => s.id), clerksByStore: byStore };
  });
  // Demo purchases name the rules in force, as recorded ones do (none before the first rule set).
  const ruleSet = await dataSource
    .getRepository(RuleSetEntity)
    .findOne({ where: {}, order: { id: 'DESC' } });
  const ruleSetId = ruleSet?.id ?? null;

  const memberNos = new Set<string>();
  const referralCodes = new Set<string>();
  let ledgerEntries = 0;
  for (let start = 1; start <= options.members; start += batchSize) {
    const end = Math.min(options.members, start + batchSize - 1);
    const rows: DemoMember[] = [];
    for (let n = start; n <= end; n++) {
      rows.push(demoMember(n, random, now, storeIds, clerksByStore, memberNos, referralCodes));
    }
    ledgerEntries += await dataSource.transaction((em) => insertBatch(em, rows, ruleSetId));
  }
  return { storeIds, clerkIds: clerksByStore.flat(), members: options.members, ledgerEntries };
}

interface DemoPurchase {
  earnRef: string;
  orderNo: string;
  /** Minor units. */
  amount: number;
}

interface DemoMember {
  member: Omit<MemberEntity, 'id' | 'store' | 'clerk'>;
  ledger: Array<Pick<PointsLedgerEntryEntity, 'delta' | 'kind' | 'ref' | 'createdAt' | 'expiresAt'>>;
  /** The purchase behind each `earn` entry, by the entry's ref. */
  purchases: DemoPurchase[];
  platformUserId: string;
}

// Earnings land at 04:00 UTC (noon in China) on whole days, so expiry dates repeat per day and
// a cache spares the time-zone arithmetic, which dominated large seeds.
const EARN_HOUR_MS = 4 * 60 * 60 * 1000;
const expiryByDay = new Map<number, Date>();

function expiryOf(at: Date): Date {
  const day = at.getTime();
  let expiry = expiryByDay.get(day);
  if (expiry === undefined) {
    expiry = pointsExpiryAt(at, DEFAULT_CLUB_RULES);
    expiryByDay.set(day, expiry);
  }
  return expiry;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function demoMember(
  n: number,
  random: () => number,
  now: Date,
  storeIds: string[],
  clerksByStore: string[][],
  memberNos: Set<string>,
  referralCodes: Set<string>,
): DemoMember {
  const gender: Gender = random() < 0.8 ? 'female' : random() < 0.9 ? 'male' : 'other';
  const given = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const name = `${pick(random, SURNAMES)}${pick(random, given)}`;

  // Months go round the year so every month has birthdays; member 2 is a leap-day baby.
  const month = n === 2 ? 2 : ((n - 1) % 12) + 1;
  const day = n === 2 ? 29 : 1 + Math.floor(random() * DAYS_IN_MONTH[month - 1]);
  const withYear = n !== 2 && n % 4 !== 0;
  const birthYear = n === 2 ? 1992 : withYear ? 1960 + Math.floor(random() * 45) : null;

  let memberNo: string;
  do memberNo = generateMemberNo(random);
  while (memberNos.has(memberNo));
  memberNos.add(memberNo);
  let referralCode: string;
  do {
    referralCode = '';
    for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) referralCode += pick(random, REFERRAL_ALPHABET.split(''));
  } while (referralCodes.has(referralCode));
  referralCodes.add(referralCode);

  const storeIndex = (n - 1) % storeIds.length;
  const clerks = clerksByStore[storeIndex];
  const joinedAt = new Date(now.getTime() - (30 + Math.floor(random() * 3 * 365)) * DAY_MS);

  const roll = random() * 100;
  let acc = 0;
  const band = SPEND_BANDS.find((b) => (acc += b.weight) > roll) ?? SPEND_BANDS[0];
  const qualifyingSpend = band.min + Math.floor(random() * (band.max - band.min));
  const tier = tierForSpend(qualifyingSpend, DEFAULT_CLUB_RULES);

  // An opening adjustment, then earnings that add up to roughly the spend's points.
  const ledger: DemoMember['ledger'] = [];
  const purchases: DemoPurchase[] = [];
  const opening = 100 * (1 + Math.floor(random() * 5));
  ledger.push({
    delta: opening,
    kind: 'adjust',
    ref: `demo:${memberNo}:welcome`,
    createdAt: joinedAt,
    expiresAt: null,
  });
  const earnings = 1 + Math.floor(random() * 3);
  const rate = DEFAULT_CLUB_RULES.tiers[tier].earnRateBp / 10_000;
  for (let k = 0; k < earnings; k++) {
    // Within the last 20 months, so no demo earning is already past its expiry.
    const from = Math.max(joinedAt.getTime(), now.getTime() - 600 * DAY_MS);
    // A whole day strictly after `from` and before `now`.
    const day = Math.floor((from + random() * (now.getTime() - from - 2 * DAY_MS)) / DAY_MS) + 1;
    const at = new Date(day * DAY_MS + EARN_HOUR_MS);
    const spend = Math.floor(qualifyingSpend / earnings);
    const points = Math.floor((spend / 100) * rate);
    if (points <= 0) continue;
    const kind: LedgerKind = 'earn';
    const ref = `demo:${memberNo}:earn-${k}`;
    ledger.push({ delta: points, kind, ref, createdAt: at, expiresAt: expiryOf(at) });
    // Drawn from nothing new: the demo members, their points and tiers stay exactly as they were.
    purchases.push({ earnRef: ref, orderNo: `DEMO-${memberNo}-${k}`, amount: spend });
  }
  ledger.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const points = ledger.reduce((sum, e) => sum + e.delta, 0);

  return {
    member: {
      memberNo,
      name,
      gender,
      birthYear,
      birthMonth: month,
      birthDay: day,
      birthMd: month * 100 + day,
      birthdaySetAt: joinedAt,
      phone: `138${String(n).padStart(8, '0')}`,
      interests: [...new Set([pick(random, INTERESTS), pick(random, INTERESTS)])],
      occupation: pick(random, OCCUPATIONS),
      storeId: storeIds[storeIndex],
      clerkId: clerks[Math.floor((n - 1) / storeIds.length) % clerks.length],
      points,
      tier,
      qualifyingSpend,
      referralCode,
      referredByCode: null,
      consentMarketing: random() < 0.7,
      consentMarketingAt: joinedAt,
      joinedAt,
      erasedAt: null,
    },
    ledger,
    purchases,
    platformUserId: `demo-${n}`,
  };
}

/**
 * One batch: members, then (ids read back by member number) their ledger and platform accounts,
 * then (entries read back by ref) the earnings' lots and purchases.
 */
async function insertBatch(em: EntityManager, rows: DemoMember[], ruleSetId: string | null): Promise<number> {
  await em
    .createQueryBuilder()
    .insert()
    .into(MemberEntity)
    .values(rows.map((r) => r.member))
    .updateEntity(false)
    .execute();
  const ids = await em
    .createQueryBuilder(MemberEntity, 'm')
    .select(['m.id', 'm.memberNo'])
    .where('m.memberNo IN (:...nos)', { nos: rows.map((r) => r.member.memberNo) })
    .getMany();
  const idByNo = new Map(ids.map((m) => [m.memberNo, m.id]));

  const ledger: Array<Omit<PointsLedgerEntryEntity, 'id' | 'member'>> = [];
  const identities: Array<Omit<MemberIdentityEntity, 'id' | 'member'>> = [];
  for (const row of rows) {
    const memberId = idByNo.get(row.member.memberNo);
    if (memberId === undefined) throw new Error(`demo member ${row.member.memberNo} was not inserted`);
    let balance = 0;
    for (const entry of row.ledger) {
      balance += entry.delta;
      ledger.push({ ...entry, memberId, balanceAfter: balance });
    }
    for (const platform of ['wechat', 'alipay'] as const) {
      identities.push({
        platform,
        platformUserId: row.platformUserId,
        memberId,
        createdAt: row.member.joinedAt,
      });
    }
  }
  await insertChunked(em, PointsLedgerEntryEntity, ledger);
  const earnings = await earnEntries(em, ledger);
  await insertLots(em, earnings);
  await insertPurchases(em, rows, earnings, ruleSetId);
  await insertChunked(em, MemberIdentityEntity, identities);
  return ledger.length;
}

/**
 * Multi-row INSERTs of `rows`, `chunk` at a time, keeping each statement's bound parameters well
 * under SQLite's limit (32,766).
 */
async function insertChunked<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Array<QueryDeepPartialEntity<T>>,
  chunk = 2_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + chunk))
      .updateEntity(false)
      .execute();
  }
}

type EarnEntry = Pick<
  PointsLedgerEntryEntity,
  'id' | 'memberId' | 'delta' | 'ref' | 'balanceAfter' | 'createdAt' | 'expiresAt'
>;

/** The batch's `earn` entries as inserted, with their ids, by ref. */
async function earnEntries(
  em: EntityManager,
  ledger: Array<Omit<PointsLedgerEntryEntity, 'id' | 'member'>>,
): Promise<Map<string, EarnEntry>> {
  const refs = ledger.filter((e) => e.kind === 'earn' && e.ref !== null).map((e) => e.ref as string);
  const byRef = new Map<string, EarnEntry>();
  for (let i = 0; i < refs.length; i += 2_000) {
    const entries = await em
      .createQueryBuilder(PointsLedgerEntryEntity, 'l')
      .select(['l.id', 'l.memberId', 'l.delta', 'l.ref', 'l.balanceAfter', 'l.createdAt', 'l.expiresAt'])
      .where('l.kind = :kind AND l.ref IN (:...refs)', { kind: 'earn', refs: refs.slice(i, i + 2_000) })
      .getMany();
    for (const e of entries) byRef.set(e.ref as string, e);
  }
  return byRef;
}

/**
 * Each demo earning gets its lot, as `PointsLedgerService.credit` would make it: spending and the
 * expiry job read lots, so demo points expire and are spent oldest first like real ones.
 */
async function insertLots(em: EntityManager, earnings: Map<string, EarnEntry>): Promise<void> {
  await insertChunked(
    em,
    PointsLotEntity,
    [...earnings.values()].map((e) => ({
      ledgerEntryId: e.id,
      memberId: e.memberId,
      points: e.delta,
      remaining: e.delta,
      availableAt: e.createdAt,
      expiresAt: e.expiresAt ?? expiryOf(e.createdAt),
      ruleSetId: null,
    })),
  );
}

/**
 * Each demo earning's purchase, as `PurchasesService` records one: at her home store, at the
 * earning's moment, its points and balance those of the entry, her tier unchanged by it (the seed
 * sets tiers from the whole spend). Past any return window, so nothing is pending.
 */
async function insertPurchases(
  em: EntityManager,
  rows: DemoMember[],
  earnings: Map<string, EarnEntry>,
  ruleSetId: string | null,
): Promise<void> {
  const purchases: Array<Omit<PurchaseEntity, 'id' | 'store' | 'member'>> = [];
  for (const row of rows) {
    const storeId = row.member.storeId;
    if (storeId === null) throw new Error(`demo member ${row.member.memberNo} has no store`);
    for (const p of row.purchases) {
      const entry = earnings.get(p.earnRef);
      if (entry === undefined) throw new Error(`demo earning ${p.earnRef} was not inserted`);
      purchases.push({
        storeId,
        orderNo: p.orderNo,
        memberId: entry.memberId,
        amount: p.amount,
        occurredAt: entry.createdAt,
        recordedAt: entry.createdAt,
        recordedBy: 'demo',
        pointsEarned: entry.delta,
        earnEntryId: entry.id,
        ruleSetId,
        tierBefore: row.member.tier,
        tierAfter: row.member.tier,
        balanceAfter: entry.balanceAfter,
        pendingUntil: null,
        refundedAmount: 0,
        pointsReversed: 0,
      });
    }
  }
  // 16 columns a row, twice the ledger's: half as many rows a statement.
  await insertChunked(em, PurchaseEntity, purchases, 1_000);
}
