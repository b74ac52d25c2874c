import type { EventEligibility } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { openPhone, screenshot, type Phone } from './support/browser';
import {
  audienceCountByApi,
  eventRegistrationsByApi,
  eventsByApi,
  memberByApi,
  publishEventByApi,
  registerForEventByApi,
  staffTokenByApi,
  updateEventByApi,
} from './support/club-api';
import { DEMO_CLERK_PASSWORD, signInAsStaff, textOf } from './support/screens';

const MANAGER = { username: 'manager', password: 'club-manager-2026' };

const phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

/** `1,284` as the editor prints a count. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `19:02` in the club's time zone (UTC+8). */
const clubClock = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * The editor counts an audience once, when it changes; other browser tests add (and erase) members
 * meanwhile on this shared server. So the API is asked from before the change is made until the
 * count shows, and the count shown must be one of the real counts of this very audience seen in that
 * window: a stale or made-up number still fails.
 */
async function audienceCountAround(
  page: Page,
  token: string,
  eligibility: EventEligibility,
  change: () => Promise<unknown>,
): Promise<number> {
  const seen = new Set<string>([String(await audienceCountByApi(token, eligibility))]);
  await change();
  const deadline = Date.now() + 15_000;
  let shown = '';
  while (Date.now() < deadline) {
    shown = (await page.locator('.event-editor__count').getAttribute('data-audience-count')) ?? '';
    const isCounting = await page.locator('.event-editor__count').getAttribute('data-counting');
    seen.add(String(await audienceCountByApi(token, eligibility)));
    if (isCounting === 'false' && seen.has(shown)) {
      expect(await textOf(page, '.event-editor__count-text')).toBe(`将邀请 ${grouped(Number(shown))} 位会员`);
      return Number(shown);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(
    `the editor showed ${shown} members for ${JSON.stringify(eligibility)}, the API counted ${[...seen].join(' or ')}`,
  );
}

test('a manager plans an evening for a chosen audience, a clerk receives the guest at the door, the manager sees them arrive', async () => {
  const managerToken = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const manager = await openPhone();
  phones.push(manager);
  const page = manager.page;

  await signInAsStaff(page, MANAGER.username, MANAGER.password);
  await page.locator('[data-link=manager-events]').click();
  await page.waitForURL(/manager\/pages\/events\/index/);
  // The editor counts everyone as it opens.
  const everyone = await audienceCountAround(page, managerToken, {}, async () => {
    await page.locator('[data-action=new-event]').click();
    await page.waitForURL(/manager\/pages\/event-editor\/index/);
  });

  // Saving an empty form says what is missing beside each field, without a request.
  await page.locator('[data-action=save]').click();
  expect(await textOf(page, '[data-error-for=title]')).toBe('请填写活动名称（60 字以内）');
  expect(await textOf(page, '[data-error-for=capacity]')).toBe('席位为 1 至 100,000 的整数');

  const suffix = String(Date.now()).slice(-6);
  const title = `珍珠品鉴晚宴 ${suffix}`;
  await page.locator('[data-field=title] input').fill(title);
  await page.locator('[data-field=venue] input').fill('上海静安店二楼沙龙');
  await page.locator('[data-field=description] textarea').fill('与珠宝顾问一同品鉴本季南洋珍珠。');
  // One seat: the second member to register waits for it.
  await page.locator('[data-field=capacity] input').fill('1');
  // Each field's sentence goes as soon as the field is put right.
  await page.locator('[data-error-for=capacity]').waitFor({ state: 'detached' });
  await page.locator('[data-error-for=title]').waitFor({ state: 'detached' });

  const women = await audienceCountAround(page, managerToken, { genders: ['female'] }, () =>
    page.locator('[data-field=genders] [data-value=female]').click(),
  );
  expect(women).toBeGreaterThan(0);
  expect(women).toBeLessThan(everyone);
  await page.locator('.event-editor__count').scrollIntoViewIfNeeded();
  await screenshot(page, 'events-editor-count');

  // An interest no seeded member has leaves only the members picked by hand: the evening stays out
  // of the other browser tests' event lists (they share this server).
  const tag = `香道 ${suffix}`;
  await page.locator('[data-field=interests] input').fill(tag);
  const narrowed = { genders: ['female'], interests: [tag] } satisfies EventEligibility;
  expect(
    await audienceCountAround(page, managerToken, narrowed, () =>
      page.locator('[data-action=add-interest]').click(),
    ),
  ).toBe(0);
  expect(
    await page.locator(`[data-field=interests] [data-value="${tag}"]`).getAttribute('aria-checked'),
  ).toBe('true');

  // Two women of the demo club no other browser test signs in as.
  const guests = [];
  for (let n = 50; n <= 60 && guests.length < 2; n += 1) {
    const member = await memberByApi(`demo-${n}`);
    if (member.me.gender === 'female') guests.push(member);
  }
  const [first, second] = guests;
  const eligibility = { ...narrowed, memberIds: [first.me.id, second.me.id] } satisfies EventEligibility;
  expect(
    await audienceCountAround(page, managerToken, eligibility, () =>
      page.locator('[data-field=memberIds] input').fill(`${first.me.id}, ${second.me.id}`),
    ),
  ).toBe(2);

  await page.locator('[data-action=save]').click();
  expect(await textOf(page, '[data-notice=ok]')).toBe('已保存');
  expect(await page.locator('.event-editor__head [data-status]').getAttribute('data-status')).toBe('draft');

  await page.locator('[data-action=publish]').click();
  const sheet = page.locator('[data-sheet=publish]');
  await sheet.waitFor();
  expect(await textOf(page, '.event-sheet__count')).toBe('将邀请 2 位会员');
  await screenshot(page, 'events-publish-confirm');
  await page.locator('[data-action=confirm-publish]').click();
  expect(await textOf(page, '[data-notice=ok]')).toBe('已发布，邀请正在陆续送达');
  await sheet.waitFor({ state: 'detached' });

  const event = (await eventsByApi(managerToken, 'published')).find((e) => e.title === title);
  expect(event).toEqual(expect.objectContaining({ status: 'published', capacity: 1, eligibility }));
  // The pickers set the evening a week out; the door opens three hours before the start, so the
  // evening moves to tonight, registration open until it starts.
  const startsAt = new Date(Date.now() + 3_600_000).toISOString();
  await updateEventByApi(managerToken, event!.id, {
    startsAt,
    endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    registration: { opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: startsAt },
  });

  // Both register: the first takes the seat, the second waits.
  const seated = await registerForEventByApi(first.token, event!.id);
  const waiting = await registerForEventByApi(second.token, event!.id);
  expect(seated.status).toBe('confirmed');
  expect(waiting.status).toBe('waitlisted');

  await page.locator('.staff__or[data-link=registrations]').click();
  await page.waitForURL(/manager\/pages\/event-registrations\/index/);
  await page.locator(`[data-registration="${first.me.memberNo}"]`).waitFor();
  expect(await textOf(page, '.registrations__live')).toContain('0 / 1');
  await page.locator('.registrations__tabs [data-value=waitlisted]').click();
  const waitRow = page.locator(`[data-registration="${second.me.memberNo}"]`);
  await waitRow.waitFor();
  expect(await waitRow.getAttribute('data-status')).toBe('waitlisted');
  expect(await textOf(page, `[data-registration="${second.me.memberNo}"] .registrations__place`)).toBe('1');
  await screenshot(page, 'events-registrations-waitlist');

  // At the door: a clerk of any boutique (the evening has no hosting store).
  const clerk = await openPhone();
  phones.push(clerk);
  const door = clerk.page;
  await signInAsStaff(door, 'clerk1', DEMO_CLERK_PASSWORD);
  await door.locator('[data-link=check-in]').click();
  await door.waitForURL(/staff\/pages\/check-in\/index/);
  const chip = door.locator(`[data-field=event] [data-value="${event!.id}"]`);
  const chosen = door.locator(`.check-in__event[data-event-id="${event!.id}"]`);
  // Other tests may have evenings today too: then the clerk picks this one.
  await Promise.race([chip.waitFor(), chosen.waitFor()]);
  if (await chip.isVisible()) await chip.click();
  await chosen.waitFor();
  expect(await textOf(door, '.check-in__count')).toBe('已到 0 / 1');

  const ticket = door.locator('[data-field=ticketCode] input');
  await ticket.fill(seated.ticketCode.toLowerCase());
  await door.locator('[data-action=check-in]').click();
  expect(await textOf(door, '[data-answer=welcome] .check-in__headline')).toBe(
    `欢迎 ${first.me.name} · 1 位`,
  );
  expect(await textOf(door, '.check-in__count')).toBe('已到 1 / 1');
  await screenshot(door, 'events-check-in-welcome');

  await ticket.fill(seated.ticketCode);
  await door.locator('[data-action=check-in]').click();
  const [row] = await eventRegistrationsByApi(managerToken, event!.id, 'confirmed');
  expect(row.checkedInAt).not.toBeNull();
  expect(await textOf(door, '[data-answer=repeat] .check-in__headline')).toBe(
    `已于 ${clubClock(row.checkedInAt!)} 签到`,
  );
  expect(await textOf(door, '[data-answer=repeat] .check-in__detail')).toBe(first.me.name);
  expect(await textOf(door, '.check-in__count')).toBe('已到 1 / 1');
  await screenshot(door, 'events-check-in-repeat');

  // The waitlisted ticket holds no seat: red, and the count stays.
  await ticket.fill(waiting.ticketCode);
  await door.locator('[data-action=check-in]').click();
  expect(await door.locator('[data-answer=refused]').getAttribute('data-code')).toBe('TICKET_NOT_CONFIRMED');

  // The manager's page re-reads the door every few seconds.
  await page.locator('.registrations__live[data-checked-in="1"]').waitFor({ timeout: 15_000 });
  expect(await textOf(page, '.registrations__live-count')).toBe('1 / 1');
  // The list follows the door too: the guest's row shows when they arrived.
  await page.locator('.registrations__tabs [data-value=confirmed]').click();
  expect(await textOf(page, `[data-registration="${first.me.memberNo}"]`)).toContain(
    `${clubClock(row.checkedInAt!)} 签到`,
  );
  await screenshot(page, 'events-registrations-arrived');
});

test('a manager finds a published event by its status, sees its audience fixed, and cancels it with a reason', async () => {
  const managerToken = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const hour = 3_600_000;
  const title = `翡翠鉴赏讲座 ${String(Date.now()).slice(-6)}`;
  // Hand-picked alone: no other browser test's member sees this lecture.
  const member = await memberByApi('demo-60');
  const event = await publishEventByApi(managerToken, {
    title,
    kind: 'lecture',
    description: '',
    venue: '北京国贸店',
    startsAt: new Date(Date.now() + 48 * hour).toISOString(),
    endsAt: new Date(Date.now() + 50 * hour).toISOString(),
    capacity: 20,
    pointsCost: 0,
    guestsAllowed: 1,
    eligibility: { memberIds: [member.me.id] },
    registration: {
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
    },
  });
  expect((await registerForEventByApi(member.token, event.id, 1)).status).toBe('confirmed');

  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await signInAsStaff(page, MANAGER.username, MANAGER.password);
  await page.locator('[data-link=manager-events]').click();
  await page.waitForURL(/manager\/pages\/events\/index/);
  await page.locator('.events__filter [data-value=published]').click();
  const row = page.locator(`[data-event-id="${event.id}"]`);
  expect(await textOf(page, `[data-event-id="${event.id}"] .events__figures`)).toBe(
    '已确认 2 / 20 席 · 候补 0 · 已签到 0',
  );
  await screenshot(page, 'events-manager-list');
  await row.locator('[data-link=edit]').click();
  await page.waitForURL(/manager\/pages\/event-editor\/index/);
  await page.locator('.event-editor__head [data-status=published]').waitFor();
  expect(await textOf(page, '.event-editor__head .title')).toBe(title);
  expect(await textOf(page, '.manager__hint')).toBe('活动已发布，邀请对象不可更改');
  // The audience went out with the invitations: tapping a chip changes nothing.
  await page.locator('[data-field=genders] [data-value=male]').click();
  expect(await page.locator('[data-field=genders] [data-value=male]').getAttribute('aria-checked')).toBe(
    'false',
  );

  await page.locator('[data-action=cancel-event]').click();
  expect(await textOf(page, '[data-error-for=cancelReason]')).toBe('请写下取消的原因');
  await page.locator('[data-field=cancelReason] input').fill('讲师行程有变，改期再与您相聚');
  await page.locator('[data-action=cancel-event]').click();
  expect(await textOf(page, '[data-notice=ok]')).toBe('活动已取消，积分已退回会员');
  expect(await page.locator('.event-editor__head [data-status]').getAttribute('data-status')).toBe(
    'cancelled',
  );

  const [cancelled] = (await eventsByApi(managerToken, 'cancelled')).filter((e) => e.id === event.id);
  expect(cancelled).toEqual(
    expect.objectContaining({ cancelReason: '讲师行程有变，改期再与您相聚', confirmedSeats: 0 }),
  );
  expect(await eventRegistrationsByApi(managerToken, event.id, 'confirmed')).toEqual([]);
});
