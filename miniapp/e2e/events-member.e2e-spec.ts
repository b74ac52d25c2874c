import type { CreateEventInput, Me, PointsSummary } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { openPhone, screenshot, type Phone } from './support/browser';
import {
  adjustPointsByApi,
  baseUrl,
  checkInByApi,
  memberByApi,
  publishEventByApi,
  registerForEventByApi,
  staffTokenByApi,
} from './support/club-api';
import { httpJson } from './support/http';
import { enterClub } from './support/screens';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAY_ZH = '日一二三四五六';

/**
 * How the club prints an evening, written here without the app's formatter: a start at 11:00 UTC is
 * 19:00 on the same calendar day in Shanghai.
 */
function eveningAt(daysAhead: number): { startsAt: string; endsAt: string; shown: string } {
  const today = new Date();
  const start = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + daysAhead, 11, 0),
  );
  const end = new Date(start.getTime() + 2.5 * HOUR);
  return {
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    shown: `${start.getUTCMonth() + 1}月${start.getUTCDate()}日 周${WEEKDAY_ZH[start.getUTCDay()]} 19:00–21:30`,
  };
}

/**
 * An event for the members this test uses only: the browser tests share one server whose outbox now
 * delivers, and an event open to the whole club would drop invitations into other tests' inboxes.
 */
function eventInput(
  title: string,
  invited: string[],
  overrides: Partial<CreateEventInput> = {},
): CreateEventInput {
  const when = eveningAt(7);
  return {
    title,
    kind: 'lecture',
    description: '由资深宝石学家讲解钻石的 4C 与收藏之道，席间备有茶点。',
    venue: '静安旗舰店 · 二楼沙龙',
    startsAt: when.startsAt,
    endsAt: when.endsAt,
    capacity: 10,
    pointsCost: 200,
    guestsAllowed: 2,
    eligibility: { memberIds: invited },
    registration: {
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 5 * DAY).toISOString(),
    },
    ...overrides,
  };
}

/** The first demo member of `tier` from `from` on: the priority window is for gold. */
async function demoMemberOfTier(
  tier: Me['card']['tier'],
  from: number,
): Promise<{ sandboxId: string; token: string; me: Me }> {
  for (let n = from; n < from + 60; n++) {
    const m = await memberByApi(`demo-${n}`);
    if (m.me.card.tier === tier) return { sandboxId: `demo-${n}`, token: m.token, me: m.me };
  }
  throw new Error(`no ${tier} demo member`);
}

/** `11月24日 09:05`: the club's wall clock (UTC+8), reckoned here without the app's formatter. */
function clubMoment(iso: string): string {
  const wall = new Date(Date.parse(iso) + 8 * HOUR);
  const hhmm = wall.toISOString().slice(11, 16);
  return `${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日 ${hhmm}`;
}

async function spendable(token: string): Promise<number> {
  const res = await httpJson(`${baseUrl()}/api/v1/me/points/summary`, { token });
  return (res.body as PointsSummary).spendable;
}

/** Earlier pages stay in the document, hidden: what the member sees is the visible one. */
async function seen(page: Page, selector: string): Promise<string> {
  const locator = page.locator(`${selector}:visible`).first();
  await locator.waitFor();
  return ((await locator.textContent()) ?? '').trim();
}

let phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
});

test('a member finds an event, registers with a guest, shows the ticket, cancels with the points back, registers again; a full event offers the waitlist; a gold member sees the priority window', async () => {
  const suffix = String(Date.now()).slice(-5);
  const lecture = `钻石鉴赏讲座 ${suffix}`;
  const banquet = `感恩晚宴 ${suffix}`;
  const preview = `新品私享会 ${suffix}`;
  const manager = await staffTokenByApi('manager', 'club-manager-2026');
  const member = await demoMemberOfTier('gold', 30);
  const other = await memberByApi('demo-3');
  await adjustPointsByApi(manager, member.me.id, 2000, '浏览器测试：会员活动报名');

  const invited = [member.me.id, other.me.id];
  const first = await publishEventByApi(manager, eventInput(lecture, invited));
  const full = await publishEventByApi(
    manager,
    eventInput(banquet, invited, { kind: 'banquet', capacity: 1, pointsCost: 0, guestsAllowed: 0 }),
  );
  await registerForEventByApi(other.token, full.id, 0);
  const priorityOpensAt = new Date(Date.now() - HOUR).toISOString();
  const opensAt = new Date(Date.now() + 2 * DAY);
  await publishEventByApi(
    manager,
    eventInput(preview, invited, {
      kind: 'party',
      registration: {
        opensAt: opensAt.toISOString(),
        closesAt: new Date(Date.now() + 5 * DAY).toISOString(),
        priorityTiers: ['gold'],
        priorityOpensAt,
      },
    }),
  );

  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=${member.sandboxId}`);
  await page.locator('.member-card').waitFor();
  await page.locator('[data-link=events]').click();
  await page.waitForURL(/pages\/events\/index/);

  // The list: each card says when, where, how many seats are left and where registration stands.
  const card = page.locator(`.events__item[data-event="${lecture}"]`);
  await card.waitFor();
  expect(((await card.locator('.events__when').textContent()) ?? '').trim()).toBe(eveningAt(7).shown);
  expect(((await card.locator('.events__venue').textContent()) ?? '').trim()).toBe('静安旗舰店 · 二楼沙龙');
  expect(((await card.locator('.events__seats').textContent()) ?? '').trim()).toBe('余 10 席');
  expect(((await card.locator('[data-chip=state]').textContent()) ?? '').trim()).toBe('报名中');
  expect(((await card.locator('.events__cost').textContent()) ?? '').trim()).toBe('200 积分');
  const fullCard = page.locator(`.events__item[data-event="${banquet}"]`);
  expect(((await fullCard.locator('.events__seats').textContent()) ?? '').trim()).toBe('席位已满');
  expect(((await fullCard.locator('[data-chip=state]').textContent()) ?? '').trim()).toBe('已满 · 可候补');
  const previewCard = page.locator(`.events__item[data-event="${preview}"]`);
  expect(((await previewCard.locator('[data-badge=priority]').textContent()) ?? '').trim()).toBe(
    '金卡会员优先',
  );
  expect(await card.locator('[data-badge=priority]').count()).toBe(0);
  // The photograph shows the priority badge too: the later cards scrolled into view.
  await previewCard.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'events-list');
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));

  // The detail: one button, and it says what the member can do.
  await card.click();
  await page.waitForURL(/pages\/event\/index/);
  expect(await seen(page, '.event__action')).toBe('立即报名');
  expect(await seen(page, '.event__seats')).toBe('共 10 席 · 余 10 席');
  expect(await seen(page, '.event-head__name')).toBe(lecture);
  await screenshot(page, 'event-detail');

  const before = await spendable(member.token);
  await page.locator('.event__action:visible').click();
  const sheet = page.locator('[data-sheet=register]:visible');
  await sheet.waitFor();
  expect(await seen(page, '[data-sheet=register] .sheet__figure-value[data-seats]')).toBe('1 席');
  await sheet.locator('[data-step=more]').click();
  expect(await seen(page, '[data-sheet=register] .sheet__figure-value[data-seats]')).toBe(
    '2 席（含来宾 1 位）',
  );
  // Up to the guests allowed, and no further.
  await sheet.locator('[data-step=more]').click();
  await sheet.locator('[data-step=more]').click();
  expect(await seen(page, '[data-sheet=register] .sheet__quantity')).toBe('2');
  await sheet.locator('[data-step=less]').click();
  expect(await seen(page, '[data-sheet=register] .sheet__figure-value[data-points]')).toBe('200 积分');
  expect(await seen(page, '[data-sheet=register] .sheet__after')).toBe(
    `报名后剩余 ${(before - 200).toLocaleString('en-US')} 积分`,
  );
  await screenshot(page, 'event-confirm');

  const registered = page.waitForResponse((r) => /\/events\/\d+\/registrations$/.test(r.url()));
  await sheet.locator('.sheet__ok').click();
  const answer = await registered;
  expect(answer.status()).toBe(201);
  expect(answer.request().headers()['idempotency-key']).toMatch(/^[\x21-\x7e]{1,64}$/);
  expect(await seen(page, '[data-result=confirmed] .event__mine-title')).toBe('已为您保留席位，期待与您相见');
  expect(await seen(page, '[data-result=confirmed] .event__mine-meta')).toBe('2 席（含来宾 1 位）');
  expect(await seen(page, '.event__seats')).toBe('共 10 席 · 余 8 席');
  const code = (await page.locator('.event__pass:visible [data-code]').getAttribute('data-code')) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{10}$/);
  expect(await seen(page, '.event__action')).toBe('查看我的票券');
  expect(await spendable(member.token)).toBe(before - 200);

  // The ticket: a QR of the code, and the code printed in fives for typing.
  await page.locator('.event__action:visible').click();
  await page.waitForURL(/pages\/tickets\/index/);
  const ticket = page.locator(`.tickets__item[data-ticket="${lecture}"]:visible`);
  await ticket.waitFor();
  expect(await ticket.getAttribute('data-standing')).toBe('confirmed');
  expect(((await ticket.locator('.ticket-pass__code').textContent()) ?? '').trim()).toBe(
    `${code.slice(0, 5)} ${code.slice(5)}`,
  );
  expect(await ticket.locator('.qr-code img').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  expect(((await ticket.locator('.tickets__meta').first().textContent()) ?? '').trim()).toBe(
    eveningAt(7).shown,
  );
  await screenshot(page, 'event-ticket');

  // Cancelling before the deadline: the confirmation says the points come back, and they do.
  await ticket.locator('[data-action=cancel]').click();
  await page.getByText('取消后 200 积分将退回您的账户，确定取消吗？', { exact: true }).waitFor();
  await page.getByText('确定取消', { exact: true }).click();
  await page.locator(`.tickets__item[data-ticket="${lecture}"][data-standing=cancelled]:visible`).waitFor();
  expect(await spendable(member.token)).toBe(before);

  // And registering again is allowed after a cancellation.
  await page.goto(`${baseUrl()}/#/pages/event/index?id=${first.id}`);
  expect(await seen(page, '.event__seats')).toBe('共 10 席 · 余 10 席');
  await page.locator('.event__action:visible', { hasText: '立即报名' }).click();
  await page.locator('[data-sheet=register]:visible .sheet__ok').click();
  expect(await seen(page, '[data-result=confirmed] .event__mine-title')).toBe('已为您保留席位，期待与您相见');
  expect(await seen(page, '.event__seats')).toBe('共 10 席 · 余 9 席');

  // A full event: the button offers the waitlist, and the answer is a place in line.
  await page.goto(`${baseUrl()}/#/pages/event/index?id=${full.id}`);
  expect(await seen(page, '.event__action')).toBe('加入候补');
  expect(await seen(page, '.event__seats')).toBe('共 1 席 · 余 0 席');
  await page.locator('.event__action:visible').click();
  expect(await seen(page, '[data-sheet=register] .eyebrow')).toBe('加入候补');
  expect(await seen(page, '[data-sheet=register] [data-note=waitlist]')).toBe(
    '当前余 0 席，将为您加入候补；未能入席时，积分全额退回',
  );
  await page.locator('[data-sheet=register]:visible .sheet__ok').click();
  expect(await seen(page, '[data-result=waitlisted] .event__mine-title')).toBe('已加入候补，当前第 1 位');
  await page
    .locator('[data-result=waitlisted]:visible')
    .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'event-waitlist');
  await page.locator('.event__action:visible').click();
  await page.waitForURL(/pages\/tickets\/index/);
  const waiting = page.locator(`.tickets__item[data-ticket="${banquet}"]:visible`);
  expect(((await waiting.locator('.tickets__position').textContent()) ?? '').trim()).toBe('候补第 1 位');
  expect(((await waiting.locator('[data-action=cancel]').textContent()) ?? '').trim()).toBe('退出候补');

  // In the priority window a gold member may register before everyone else.
  await page.goto(`${baseUrl()}/#/pages/events/index`);
  await page.locator(`.events__item[data-event="${preview}"]:visible`).click();
  await page.waitForURL(/pages\/event\/index/);
  expect(await seen(page, '.event__action')).toBe('优先报名');
  expect(await seen(page, '.event__hero [data-chip=state]')).toBe('优先报名中');
  expect(await seen(page, '.event__hero [data-badge=priority]')).toBe('金卡会员优先');
  expect(await seen(page, '[data-opens]')).toBe(`${clubMoment(opensAt.toISOString())} 开放报名`);
  expect(await seen(page, '.event__sub[data-priority-opens]')).toBe(
    `金卡会员 ${clubMoment(priorityOpensAt)} 起优先报名`,
  );
  await screenshot(page, 'event-priority');
});

test('a window not yet open says when it opens; after the deadline a cancellation keeps the points; a member who was checked in rates the event with stars and a comment', async () => {
  const suffix = String(Date.now()).slice(-5);
  const title = `茶艺雅集 ${suffix}`;
  const manager = await staffTokenByApi('manager', 'club-manager-2026');
  const member = await memberByApi('demo-8');
  // Registration closes, then the gathering begins, a few seconds from now: the rating opens once it has begun.
  const startsAt = Date.now() + 12_000;
  const event = await publishEventByApi(
    manager,
    eventInput(title, [member.me.id], {
      kind: 'gathering',
      pointsCost: 0,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 2 * HOUR).toISOString(),
      registration: {
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(startsAt - 2_000).toISOString(),
      },
    }),
  );
  const opensAt = new Date(Date.now() + DAY).toISOString();
  const later = await publishEventByApi(
    manager,
    eventInput(`秋冬新品预览 ${suffix}`, [member.me.id], {
      kind: 'party',
      registration: { opensAt, closesAt: new Date(Date.now() + 5 * DAY).toISOString() },
    }),
  );
  // A class whose registration closes with the gathering's: cancelled after that, its points stay spent.
  const lesson = `珍珠保养课 ${suffix}`;
  const closed = await publishEventByApi(
    manager,
    eventInput(lesson, [member.me.id], {
      pointsCost: 100,
      registration: {
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        closesAt: new Date(startsAt - 2_000).toISOString(),
      },
    }),
  );
  await adjustPointsByApi(manager, member.me.id, 500, '浏览器测试：活动报名');
  await registerForEventByApi(member.token, closed.id, 0);
  const ticket = await registerForEventByApi(member.token, event.id, 0);
  await checkInByApi(manager, event.id, ticket.ticketCode);
  await new Promise((r) => setTimeout(r, Math.max(0, startsAt - Date.now() + 500)));

  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=demo-8`);
  await page.locator('.member-card').waitFor();
  // Before the window opens the button says so, and when it opens.
  await page.goto(`${baseUrl()}/#/pages/event/index?id=${later.id}`);
  expect(await seen(page, '.event__action')).toBe('尚未开放');
  expect(await page.locator('.event__action:visible').getAttribute('disabled')).not.toBeNull();
  expect(await seen(page, '.event__bar-note')).toBe(`${clubMoment(opensAt)} 开放报名`);
  expect(await seen(page, '.event__hero [data-chip=state]')).toBe('即将开放');

  await page.goto(`${baseUrl()}/#/pages/home/index`);
  await page.locator('[data-link=tickets]:visible').click();
  await page.waitForURL(/pages\/tickets\/index/);
  const card = page.locator(`.tickets__item[data-ticket="${title}"]:visible`);
  await card.waitFor();
  expect(await card.getAttribute('data-standing')).toBe('checkedIn');
  expect(((await card.locator('[data-chip=standing]').textContent()) ?? '').trim()).toBe('已签到');
  // Checked in: no code to show and nothing to cancel, only the rating.
  expect(await card.locator('.ticket-pass').count()).toBe(0);
  expect(await card.locator('[data-action=cancel]').count()).toBe(0);
  const submit = card.locator('.tickets__rate-submit');
  expect(await submit.getAttribute('disabled')).not.toBeNull();
  await card.locator('[data-star="4"]').click();
  expect(await card.locator('.tickets__stars').getAttribute('data-rating')).toBe('4');
  await card.locator('.tickets__comment textarea').fill('茶香清雅，讲解细致，期待下一次。');
  await screenshot(page, 'event-rating');
  await submit.click();
  await card.locator('.tickets__rated .tickets__stars[data-rating="4"]').waitFor();
  expect(((await card.locator('.tickets__rated .tickets__rate-label').textContent()) ?? '').trim()).toBe(
    '您的评分',
  );

  // Past the deadline the confirmation says the points are not returned, and they are not.
  const before = await spendable(member.token);
  const late = page.locator(`.tickets__item[data-ticket="${lesson}"]:visible`);
  await late.locator('[data-action=cancel]').click();
  await page
    .getByText('报名已截止，取消后 100 积分不予退回，席位将让给候补的会员。确定取消吗？', { exact: true })
    .waitFor();
  await page.getByText('确定取消', { exact: true }).click();
  await page.locator(`.tickets__item[data-ticket="${lesson}"][data-standing=cancelled]:visible`).waitFor();
  expect(await spendable(member.token)).toBe(before);

  const mine = await httpJson(`${baseUrl()}/api/v1/me/registrations?limit=100`, { token: member.token });
  const rated = (mine.body as { items: Array<{ eventId: string; rating: number | null }> }).items.find(
    (r) => r.eventId === event.id,
  );
  expect(rated?.rating).toBe(4);
});
