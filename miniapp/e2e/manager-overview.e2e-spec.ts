import type { InsightsOverview, PurchaseResult, Store } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { openPhone, screenshot, type Phone } from './support/browser';
import { call, joinByApi, staffTokenByApi } from './support/club-api';
import { pickStore, signInAsStaff, textOf } from './support/screens';

// No demo member or clerk is used: the test opens a boutique of its own, and three newcomers join there
// and shop through the API (sandbox ids `overview-<suffix>-<n>`, phones 135…), so that boutique's figures
// are exact whatever the other browser tests do to the club meanwhile. The manager account is shared,
// read-only here.
const MANAGER = { username: 'manager', password: 'club-manager-2026' };
const suffix = String(Date.now()).slice(-6);
const DAY_MS = 24 * 3_600_000;

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const money = (minor: number) =>
  `¥${grouped(Math.trunc(minor / 100))}${minor % 100 ? `.${String(minor % 100).padStart(2, '0')}` : ''}`;
/** Whole percents; a share that rounds to none or all but is not says `<1%` or `>99%`. */
function percent(count: number, of: number): string {
  if (!of) return '—';
  const whole = Math.round((count / of) * 100);
  return whole === 0 && count > 0 ? '<1%' : whole === 100 && count < of ? '>99%' : `${whole}%`;
}
/** `2026-11-23 23:20` in the club's time zone (UTC+8). */
const clubDateTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

let managerToken: string;
let store: Store;

/** A newcomer joins at the boutique, as the join form would. */
const join = (n: number, name: string) =>
  joinByApi(`overview-${suffix}-${n}`, `135${suffix}${String(n).padStart(2, '0')}`, name, store.id);

function buy(memberId: string, orderNo: string, amount: number, daysAgo = 0): Promise<PurchaseResult> {
  return call<PurchaseResult>('/purchases', {
    method: 'POST',
    token: managerToken,
    body: {
      storeId: store.id,
      orderNo: `OV${suffix}${orderNo}`,
      amount,
      occurredAt: new Date(Date.now() - daysAgo * DAY_MS - 60_000).toISOString(),
      memberId,
    },
  });
}

// The boutique's 30 days: 1,288.00 and 2,000.00 on two days by one member, 9,876,543.21 (a house's high
// jewellery set, so the boutique's spend is as long a figure as a whole club's) by another with
// 800.00 of it returned, nothing by the third.
const NET_SPEND = 128_800 + 200_000 + 987_654_321 - 80_000;

beforeAll(async () => {
  managerToken = await staffTokenByApi(MANAGER.username, MANAGER.password);
  store = await call<Store>('/stores', {
    method: 'POST',
    token: managerToken,
    body: { name: `杭州湖滨店 ${suffix}`, city: '杭州', address: '上城区湖滨路 21 号' },
  });
  const [twice, once] = [await join(1, '沈清禾'), await join(2, '宋知微'), await join(3, '林若岚')];
  await buy(twice.id, '01', 128_800, 5);
  await buy(twice.id, '02', 200_000);
  const big = await buy(once.id, '03', 987_654_321);
  await call(`/purchases/${big.purchase.id}/refunds`, {
    method: 'POST',
    token: managerToken,
    body: { amount: 80_000, reason: '调换款式，退回差价' },
  });
});

let phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
});

function overviewByApi(storeId?: string): Promise<InsightsOverview> {
  return call<InsightsOverview>(`/insights/overview${storeId ? `?storeId=${storeId}` : ''}`, {
    token: managerToken,
  });
}

/** What the page keeps on each figure (`data-value`), as numbers, from an answer of the API. */
function figuresOf(o: InsightsOverview): Record<string, number[]> {
  const rate = (r: { count: number; of: number }) => [r.count, r.of];
  return {
    members: [o.members.total],
    active: [o.members.active],
    joined: [o.members.joinedLast30Days],
    netSpend: [o.netSpendLast30Days],
    repeatPurchase: rate(o.repeatPurchase),
    checkIn: rate(o.events.checkIn),
    'points.outstanding': [o.points.outstanding],
    'points.expiring': [o.points.expiringNext30Days],
    'points.issued': [o.points.issuedLast30Days],
    'points.redeemed': [o.points.redeemedLast30Days],
    'events.upcoming': [o.events.upcoming],
    'events.registrations': [o.events.registrationsLast30Days],
    'referrals.joined': [o.referrals.joinedLast30Days],
    'referrals.rewarded': [o.referrals.rewardedLast30Days],
    'followUps.open': [o.followUps.open],
    'followUps.overdue': [o.followUps.overdue],
    'followUps.escalated': [o.followUps.escalated],
    'followUps.resolvedInTime': rate(o.followUps.resolvedInTime),
    'followUps.rating': [o.followUps.averageRatingLast30Days ?? NaN, o.followUps.ratingsLast30Days],
    ...Object.fromEntries(o.tierMix.map((row) => [`tier.${row.tier}`, [row.members]])),
  };
}

/** The figures on screen once the scope's read has settled, in the shape of `figuresOf`. */
async function shownFigures(
  page: Page,
  scope: string,
): Promise<{ asOf: string; figures: Record<string, number[]> }> {
  await page.locator(`.overview__as-of[data-scope="${scope}"][data-reading=false]`).waitFor();
  const figures = await page
    .locator('[data-figure][data-value], [data-tier][data-value]')
    .evaluateAll((els) =>
      els.map((el) => {
        const e = el as HTMLElement;
        const name = e.dataset.figure ?? `tier.${e.dataset.tier ?? ''}`;
        return [name, (e.dataset.value ?? '').split('/')] as const;
      }),
    );
  const asOf = (await page.locator('[data-as-of]').getAttribute('data-as-of')) ?? '';
  return {
    asOf,
    figures: Object.fromEntries(
      figures.map(([name, parts]) => [name, parts.map((p) => (p === '' ? NaN : Number(p)))]),
    ),
  };
}

/** Taps "refresh" and waits for figures taken after the ones on screen. */
async function refresh(page: Page): Promise<void> {
  const shown = await page.locator('[data-as-of]').getAttribute('data-as-of');
  await page.locator('[data-action=refresh]').click();
  await page.waitForFunction(
    (previous) => document.querySelector('[data-as-of]')?.getAttribute('data-as-of') !== previous,
    shown,
  );
}

const between = (shown: number, a: number, b: number) =>
  (Number.isNaN(shown) && Number.isNaN(a) && Number.isNaN(b)) ||
  (shown >= Math.min(a, b) && shown <= Math.max(a, b));

/**
 * The whole club's figures change under other tests, so each figure shown must lie between the API's
 * answers just before and just after the page read them; a read that straddled more change than that
 * is refreshed and judged again.
 */
async function expectClubFiguresAround(page: Page, read: () => Promise<unknown>): Promise<InsightsOverview> {
  let mismatch = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    const before = await overviewByApi();
    await read();
    const shown = await shownFigures(page, 'club');
    const after = await overviewByApi();
    const [low, high] = [figuresOf(before), figuresOf(after)];
    expect(Object.keys(shown.figures).sort()).toEqual(Object.keys(low).sort());
    const off = Object.entries(shown.figures).filter(
      ([name, parts]) => !parts.every((p, i) => between(p, low[name][i], high[name][i])),
    );
    const taken = Date.parse(shown.asOf);
    const isTimely = taken >= Date.parse(before.asOf) && taken <= Date.parse(after.asOf);
    if (!off.length && isTimely) return after;
    mismatch = `${JSON.stringify(off)} not between ${JSON.stringify(low)} and ${JSON.stringify(high)}; asOf ${shown.asOf}`;
    read = () => refresh(page);
  }
  throw new Error(`the overview showed other figures than the API: ${mismatch}`);
}

const figureText = (page: Page, name: string, part: 'value' | 'aside' | 'note' | 'label') =>
  textOf(page, `[data-figure="${name}"] .figure-card__${part}`);

/** The figures a manager would misread: cut short at the card's edge, or broken over two lines. */
function brokenFigures(page: Page): Promise<string[]> {
  return page.locator('.figure-card__value, .figure-card__aside').evaluateAll((els) =>
    els
      .filter((el) => {
        // The laid-out text, not the box: an ellipsis takes the last digits for a fraction of a pixel.
        const text = document.createRange();
        text.selectNodeContents(el);
        const lines = new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top)));
        return lines.size > 1 || text.getBoundingClientRect().right > el.getBoundingClientRect().right + 0.01;
      })
      .map((el) => el.textContent ?? ''),
  );
}

test('a manager opens the club overview from the desk, sees the club then one boutique, and a late answer never covers the boutique', async () => {
  const manager = await openPhone();
  phones.push(manager);
  const page = manager.page;
  await signInAsStaff(page, MANAGER.username, MANAGER.password);

  // The overview is the first of the manager's tools.
  await page.locator('[data-link=manager-overview]').waitFor();
  expect((await page.locator('[data-link^=manager-]:visible').allTextContents())[0]).toBe('俱乐部概览 ›');

  const club = await expectClubFiguresAround(page, async () => {
    await page.locator('[data-link=manager-overview]').click();
    await page.waitForURL(/manager\/pages\/overview\/index/);
  });
  // The words beside the numbers: grouped counts, money, and when the figures were taken in the club's time.
  const shownClub = await shownFigures(page, 'club');
  expect(await figureText(page, 'members', 'value')).toBe(grouped(shownClub.figures.members[0]));
  expect(await figureText(page, 'netSpend', 'value')).toBe(money(shownClub.figures.netSpend[0]));
  expect(await textOf(page, '.overview__as-of')).toContain(`数据截至 ${clubDateTime(shownClub.asOf)}`);
  expect(await figureText(page, 'repeatPurchase', 'value')).toBe(
    percent(shownClub.figures.repeatPurchase[0], shownClub.figures.repeatPurchase[1]),
  );
  expect(club.members.total).toBeGreaterThan(3);
  expect(await brokenFigures(page)).toEqual([]);
  await screenshot(page, 'manager-overview');

  // One boutique: its figures exactly, since only this test touches it.
  await pickStore(page, 'scope', store.id, store.name);
  const shownStore = await shownFigures(page, store.id);
  const boutique = await overviewByApi(store.id);
  expect(boutique).toMatchObject({
    storeId: store.id,
    members: { total: 3, active: 2, joinedLast30Days: 3, withMarketingConsent: 0 },
    repeatPurchase: { of: 2, count: 1 },
    netSpendLast30Days: NET_SPEND,
  });
  expect(shownStore.figures).toEqual(figuresOf(boutique));
  expect(await figureText(page, 'members', 'value')).toBe('3');
  expect(await figureText(page, 'members', 'note')).toBe('0 位愿意收到俱乐部消息');
  expect(await figureText(page, 'active', 'value')).toBe('2');
  expect(await figureText(page, 'joined', 'value')).toBe('3');
  expect(await figureText(page, 'netSpend', 'value')).toBe('¥9,879,031.21');
  // Every figure whole on a narrow phone, the longest too.
  expect(await brokenFigures(page)).toEqual([]);
  expect(await figureText(page, 'repeatPurchase', 'value')).toBe('50%');
  expect(await figureText(page, 'repeatPurchase', 'aside')).toBe('1 / 2');
  expect(await figureText(page, 'repeatPurchase', 'note')).toBe('12 个月内购物的会员');
  // No event at this boutique: no rate to give, and no "0 / 0" beside it.
  expect(await figureText(page, 'checkIn', 'value')).toBe('—');
  expect(await page.locator('[data-figure=checkIn] .figure-card__aside').count()).toBe(0);
  expect(await figureText(page, 'points.outstanding', 'value')).toBe(grouped(boutique.points.outstanding));
  // No feedback at this boutique: nothing to rate, nothing overdue, no warning colour.
  expect(await figureText(page, 'followUps.rating', 'value')).toBe('—');
  expect(await figureText(page, 'followUps.rating', 'note')).toBe('近 30 天暂无评价');
  expect(await page.locator('[data-figure="followUps.overdue"].figure-card--warning').count()).toBe(0);
  // The tier mix: each tier by the app's name, its members and its share of the three.
  const tierRows = await page
    .locator('[data-tier]')
    .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  expect(tierRows).toEqual(
    boutique.tierMix.map(
      (row) =>
        `${{ friend: '友卡', silver: '银卡', gold: '金卡', diamond: '钻石卡' }[row.tier]}${row.members}${percent(row.members, 3)}`,
    ),
  );
  await screenshot(page, 'manager-overview-store');
  await page.locator('[data-figure="followUps.rating"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'manager-overview-store-care');

  // The whole club answers slowly this time; the manager taps back to the boutique before it does.
  let releaseClub: () => void = () => undefined;
  const clubHeld = new Promise<void>((resolve) => (releaseClub = resolve));
  await page.route(/\/api\/v1\/insights\/overview$/, async (route) => {
    await clubHeld;
    await route.continue();
  });
  const clubAnswer = page.waitForResponse(/\/api\/v1\/insights\/overview$/);
  await pickStore(page, 'scope', 'club');
  await page.locator('.overview__as-of[data-scope=club]').waitFor();
  await pickStore(page, 'scope', store.id, store.name);
  await shownFigures(page, store.id);
  releaseClub();
  await clubAnswer;
  await page.waitForTimeout(500);
  expect(await page.locator(`.overview__as-of[data-scope="${store.id}"]`).count()).toBe(1);
  expect(await figureText(page, 'members', 'value')).toBe('3');
  expect(await figureText(page, 'netSpend', 'value')).toBe('¥9,879,031.21');
  await page.unroute(/\/api\/v1\/insights\/overview$/);

  // Back to the whole club: its own figures again, fresh.
  await expectClubFiguresAround(page, () => pickStore(page, 'scope', 'club'));
});
