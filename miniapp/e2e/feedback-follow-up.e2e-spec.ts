import type { FollowUp, InboxItem, Paginated, Staff, Store } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { openPhone, screenshot, type Phone } from './support/browser';
import { baseUrl, call, joinByApi, memberByApi, staffTokenByApi } from './support/club-api';
import { httpJson } from './support/http';
import {
  DEMO_CLERK_PASSWORD,
  enterClub,
  openTab,
  scrollToBottom,
  signInAsStaff,
  textOf,
} from './support/screens';

/**
 * A demo member no other browser test signs in as, at the first demo store (members 1, 4, 7 … 43
 * belong to store 1, seed-demo-club), and a clerk of that store.
 */
const MEMBER = 'demo-43';
const CLERK = 'clerk2';

/** A real (8 × 8, champagne) PNG: the H5 picker decodes what it is given before handing it over. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4tiQdK2IYWhIAhCt0QePhf0EAAAAASUVORK5CYII=',
  'base64',
);

/** Cards the follow-ups page reads at a time. */
const PAGE = 20;

const phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

test('a member rates her store 2 with a photo; a clerk of the store answers and resolves it; her inbox says so', async () => {
  const member = await memberByApi(MEMBER);
  const clerkToken = await staffTokenByApi(CLERK, DEMO_CLERK_PASSWORD);
  const comment = `项链的搭扣有些松，店里等了很久 ${String(Date.now()).slice(-6)}`;

  // The member, from her profile to the feedback form.
  const memberPhone = await openPhone();
  phones.push(memberPhone);
  const page = memberPhone.page;
  await enterClub(page, `${baseUrl()}/?as=${MEMBER}`);
  await page.waitForURL(/pages\/home\/index/);
  await openTab(page, '我的');
  await page.locator('[data-link=feedback]').click();
  await page.waitForURL(/pages\/feedback\/index/);
  expect(await page.locator('.feedback .chip--on').textContent()).toBe('门店');
  await page.locator('[data-star="2"]').click();
  expect(await page.locator('.feedback__stars').getAttribute('data-rating')).toBe('2');
  expect(await textOf(page, '.feedback__rating-word')).toBe('不太满意');
  await page.locator('.feedback__comment textarea').fill(comment);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('[data-action=add-photo]').click(),
  ]);
  await chooser.setFiles({ name: 'clasp.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('[data-photo=uploaded]').waitFor();
  await screenshot(page, 'feedback-form');
  await page.locator('.feedback__submit').click();

  const thanks = page.locator('[data-result=follow-up]');
  await thanks.waitFor();
  expect(await textOf(page, '.feedback__thanks-lead')).toBe(
    '很抱歉这次未能让您满意。门店顾问会尽快与您联系，听您细说',
  );
  await screenshot(page, 'feedback-thank-you');

  // What the clerk's list holds for her, as the API says.
  const open = await call<Paginated<FollowUp>>('/staff/follow-ups?limit=100', { token: clerkToken });
  const followUp = open.items.find((f) => f.member.id === member.me.id && f.comment === comment);
  expect(followUp).toMatchObject({ rating: 2, subject: 'store', status: 'open' });
  expect(followUp?.photoUrl).toMatch(/^\/api\/v1\/feedback\/photos\/\d+\/[0-9a-f]{32}$/);

  // The clerk opens follow-ups: the rating, the words, the photo and both deadlines counting down.
  const clerkPhone = await openPhone();
  phones.push(clerkPhone);
  const desk = clerkPhone.page;
  await signInAsStaff(desk, CLERK, DEMO_CLERK_PASSWORD);
  await desk.goto(`${baseUrl()}/#/staff/pages/follow-ups/index`);
  const card = desk.locator(`[data-follow-up="${followUp?.id}"]`);
  await card.waitFor();
  expect(await card.locator('.follow-ups__name').textContent()).toBe(member.me.name);
  expect(await card.locator('.follow-ups__stars').getAttribute('data-rating')).toBe('2');
  expect(await card.locator('.follow-ups__comment').textContent()).toBe(comment);
  expect(await card.locator('.follow-ups__photo').getAttribute('data-photo')).toBe(followUp?.photoUrl);
  // The photo opens without a token: the image really shows.
  const photo = await httpJson(`${baseUrl()}${followUp?.photoUrl}`);
  expect(photo.status).toBe(200);
  const firstDeadline = await card
    .locator('[data-deadline=first-response] .follow-ups__deadline-left')
    .textContent();
  expect(firstDeadline).toMatch(/^\d{2}-\d{2} \d{2}:\d{2} 前 · (还剩|已超时) (\d+ 小时 )?\d+ (分钟|小时)$/);
  expect(await card.getAttribute('data-overdue')).toBe(
    String(Date.parse(followUp?.resolveDueAt ?? '') < Date.now()),
  );
  await screenshot(desk, 'follow-ups-list');

  await card.locator('[data-action=respond]').click();
  await desk
    .locator('[data-sheet=first-response] .follow-ups__note textarea')
    .fill('已致电会员，约好明天到店调整搭扣');
  await desk.locator('[data-sheet=first-response] .sheet__ok').click();
  await card.locator('[data-deadline=first-response] .follow-ups__deadline-done').waitFor();
  expect(await card.locator('[data-action=respond]').count()).toBe(0);

  const resolution = '已为您免费更换搭扣，再次致歉';
  await card.locator('[data-action=resolve]').click();
  await desk.locator('[data-sheet=resolution] .follow-ups__note textarea').fill(resolution);
  await desk.locator('[data-sheet=resolution] .sheet__ok').click();
  await card.waitFor({ state: 'detached' });
  await desk.locator('.chip', { hasText: '已解决' }).click();
  const done = desk.locator(`[data-follow-up="${followUp?.id}"][data-status=resolved]`);
  await done.waitFor();
  expect(await done.locator('.follow-ups__note-shown').last().textContent()).toBe(`处理结果：${resolution}`);

  // The outbox delivers in the background, about a second apart.
  const deadline = Date.now() + 15_000;
  let notice: InboxItem | undefined;
  while (!notice && Date.now() < deadline) {
    const inbox = await call<Paginated<InboxItem>>('/me/inbox?limit=50', { token: member.token });
    notice = inbox.items.find((i) => i.kind === 'follow_up_resolved' && i.data?.followUpId === followUp?.id);
    if (!notice) await new Promise((r) => setTimeout(r, 250));
  }
  expect(notice).toBeDefined();

  await page.goto(`${baseUrl()}/#/pages/inbox/index`);
  const item = page.locator(`[data-notice="${notice?.id}"]`);
  await item.waitFor();
  expect(await item.locator('.inbox__kind').textContent()).toBe('服务回访');
  expect(await item.locator('.inbox__body').textContent()).toContain(resolution);
  await screenshot(page, 'follow-up-resolved-inbox');
});

test('a manager finds member feedback from her desk: every boutique’s open ones, and a tab for those handed to her', async () => {
  const managerToken = await staffTokenByApi('manager', 'club-manager-2026');
  // An open one to find: the same member rates her boutique low once more, through the API.
  const member = await memberByApi(MEMBER);
  const rated = await call<{ followUpId: string | null }>('/feedback', {
    method: 'POST',
    token: member.token,
    body: { subject: 'store', rating: 1, comment: `试戴时无人招呼 ${String(Date.now()).slice(-6)}` },
  });
  const storesAnswer = await call<Paginated<Store> | Store[]>('/stores?limit=100');
  const stores = Array.isArray(storesAnswer) ? storesAnswer : storesAnswer.items;
  const phone = await openPhone();
  phones.push(phone);
  const desk = phone.page;
  await signInAsStaff(desk, 'manager', 'club-manager-2026');
  await desk.locator('[data-link=manager-follow-ups]').click();
  await desk.waitForURL(/staff\/pages\/follow-ups\/index/);
  await desk.locator('.follow-ups__tabs .chip').first().waitFor();
  expect(await desk.locator('.follow-ups__tabs .chip').allTextContents()).toEqual([
    '待处理',
    '已转店长',
    '已解决',
  ]);

  // Each tab shows its first page (20 cards) of what the API holds for a manager: open ones of every
  // store, then only the escalated.
  // The first cards (or the empty line) a tab shows are already its own: the previous tab's list goes at the tap.
  const cardsShow = async (expected: string[]) => {
    await desk.locator('.follow-ups__item, .follow-ups__empty').first().waitFor();
    const ids = await desk
      .locator('.follow-ups__item')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-follow-up')));
    expect(ids).toEqual(expected);
  };
  const open = await call<Paginated<FollowUp>>(`/staff/follow-ups?limit=${PAGE}`, { token: managerToken });
  await cardsShow(open.items.map((f) => f.id));
  // A manager's card names the boutique it belongs to.
  const mine = open.items.find((f) => f.id === rated.followUpId);
  const boutique = stores.find((st) => st.id === mine?.storeId)?.name ?? '';
  expect(boutique).not.toBe('');
  const card = desk.locator(`[data-follow-up="${rated.followUpId}"]`);
  expect(await card.locator('.follow-ups__meta').textContent()).toMatch(new RegExp(`^${boutique} · 门店 · `));

  // On a slow network the tab's answer is late: until it comes, the open cards must not sit under its name.
  // The server's answer is held (not replaced) until the screen has been read.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await desk.route(/\/staff\/follow-ups\?.*escalated=true/, async (route) => {
    await held;
    await route.continue();
  });
  await desk.locator('.follow-ups__tabs .chip', { hasText: '已转店长' }).click();
  await desk.locator('.follow-ups .lead', { hasText: '请稍候…' }).waitFor();
  expect(await desk.locator('.follow-ups__item').count()).toBe(0);
  release();
  const escalated = await call<Paginated<FollowUp>>(`/staff/follow-ups?escalated=true&limit=${PAGE}`, {
    token: managerToken,
  });
  await cardsShow(escalated.items.map((f) => f.id));
  if (escalated.items.length === 0) {
    expect(await textOf(desk, '.follow-ups__empty')).toBe('没有转给店长的反馈，各店都在时限内');
  } else {
    expect(await desk.locator('.follow-ups__item .follow-ups__badge', { hasText: '已转店长' }).count()).toBe(
      escalated.items.length,
    );
  }
  await screenshot(desk, 'manager-follow-ups-escalated');
});

/** The phone puts the page out of sight or back (another app in front): the page hears it as on a phone. */
async function setVisible(page: Page, isVisible: boolean): Promise<void> {
  await page.evaluate((visible) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (visible ? 'visible' : 'hidden'),
    });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, isVisible);
}

/** A thumb pulling the page down from its top (touch events, as the H5 pull-to-refresh reads them). */
async function pullDown(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of [document.scrollingElement, ...Array.from(document.querySelectorAll('.taro_page'))]) {
      if (el) el.scrollTop = 0;
    }
  });
  const cdp = await page.context().newCDPSession(page);
  const at = (y: number) => [{ x: 195, y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(200) });
  for (let y = 220; y <= 520; y += 20) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('a clerk with more feedback than a page holds sees every card once: scrolling brings the next page, the button the one after, pulling down starts again', async () => {
  // A boutique, its clerk and three newcomers of its own (sandbox ids fu-paging-*, phones 137…), made here:
  // no other browser test reads or adds this boutique's follow-ups, so its list holds exactly what we wrote.
  const suffix = String(Date.now()).slice(-6);
  const managerToken = await staffTokenByApi('manager', 'club-manager-2026');
  const store = await call<Store>('/stores', {
    method: 'POST',
    token: managerToken,
    body: { name: `广州天环店 ${suffix}`, city: '广州', address: '天河区天河路 218 号' },
  });
  const clerk = await call<Staff>('/staff', {
    method: 'POST',
    token: managerToken,
    body: {
      name: '梁思颖',
      username: `fu_paging_${suffix}`,
      password: 'pearl-and-jade-26',
      role: 'clerk',
      storeId: store.id,
    },
  });
  const members = await Promise.all(
    ['何嘉欣', '黎颖', '邓慧敏'].map((name, i) =>
      joinByApi(`fu-paging-${suffix}-${i}`, `137${suffix}${String(i).padStart(2, '0')}`, name, store.id),
    ),
  );
  // Two full pages and a bit: 45 low ratings, 15 from each member.
  const comments: string[] = [];
  for (let i = 0; i < 2 * PAGE + 5; i += 1) {
    const comment = `第 ${i + 1} 次来店，等候有些久 ${suffix}`;
    comments.push(comment);
    await call('/feedback', {
      method: 'POST',
      token: members[i % members.length].accessToken,
      body: { subject: 'store', refId: store.id, rating: 1 + (i % 3), comment },
    });
  }
  const clerkToken = await staffTokenByApi(clerk.username, 'pearl-and-jade-26');
  const all = await call<Paginated<FollowUp>>('/staff/follow-ups?limit=100', { token: clerkToken });
  expect(all.items.map((f) => f.comment)).toEqual(comments);
  const ids = all.items.map((f) => f.id);

  const phone = await openPhone();
  phones.push(phone);
  const desk = phone.page;
  await signInAsStaff(desk, clerk.username, 'pearl-and-jade-26');
  await desk.goto(`${baseUrl()}/#/staff/pages/follow-ups/index`);
  const shown = () =>
    desk
      .locator('.follow-ups__item')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-follow-up')));
  const more = desk.locator('[data-action=more]');

  // The first page, and the way to the next.
  await desk.locator('.follow-ups__item').first().waitFor();
  await more.waitFor();
  expect(await shown()).toEqual(ids.slice(0, PAGE));
  expect(await more.textContent()).toBe('查看更多反馈');

  // A next page still on its way when the clerk changes tab is not shown under the new tab. The server's
  // answer is held (not replaced) until the resolved tab has shown its own (empty) list.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const heldPage = /\/staff\/follow-ups\?.*cursor=/;
  await desk.route(heldPage, async (route) => {
    await held;
    await route.continue();
  });
  const asked = desk.waitForRequest(heldPage);
  const lateAnswer = desk.waitForResponse(heldPage);
  await scrollToBottom(desk);
  await asked;
  await desk.locator('[data-action=more]', { hasText: '请稍候…' }).waitFor();
  await screenshot(desk, 'follow-ups-loading-more');
  await desk.locator('.follow-ups__tabs .chip', { hasText: '已解决' }).click();
  await desk.locator('.follow-ups__empty', { hasText: '还没有已解决的反馈' }).waitFor();
  release();
  await lateAnswer;
  // The dropped answer would have rendered with its own state change: give it the frames to do so.
  await desk.waitForTimeout(300);
  expect(await desk.locator('.follow-ups__item').count()).toBe(0);
  expect(await more.count()).toBe(0);
  await desk.unroute(heldPage);

  // Back to the open ones: the first page again. Scrolling to its end asks for the second, which fails (the
  // shop's wifi drops): the clerk is told at the bottom, between the last card and the button, which now
  // tries again; nothing is said above the list, out of her sight.
  await desk.locator('.follow-ups__tabs .chip', { hasText: '待处理' }).click();
  await desk.locator('.follow-ups__item').first().waitFor();
  expect(await shown()).toEqual(ids.slice(0, PAGE));
  await desk.route(heldPage, (route) => route.abort('internetdisconnected'));
  await scrollToBottom(desk);
  const moreError = desk.locator('[data-error=more]');
  await moreError.waitFor();
  expect(await moreError.textContent()).toBe('网络不太顺畅，请检查后再试');
  expect(await more.textContent()).toBe('再试一次');
  expect(await desk.locator('.banner-error').count()).toBe(1);
  const lastCard = await desk.locator('.follow-ups__item').last().boundingBox();
  const errorBox = await moreError.boundingBox();
  const buttonBox = await more.boundingBox();
  expect(errorBox!.y).toBeGreaterThanOrEqual(lastCard!.y + lastCard!.height);
  expect(buttonBox!.y).toBeGreaterThanOrEqual(errorBox!.y + errorBox!.height);
  await screenshot(desk, 'follow-ups-next-page-failed');
  await desk.unroute(heldPage);
  await more.click();
  await desk
    .locator('.follow-ups__item')
    .nth(2 * PAGE - 1)
    .waitFor();
  expect(await shown()).toEqual(ids.slice(0, 2 * PAGE));
  expect(await moreError.count()).toBe(0);
  await screenshot(desk, 'follow-ups-second-page');

  // The button brings the last page (the tap scrolls to the bottom too, which may ask for the same page:
  // it is read once), and then goes, since nothing is left.
  await more.click();
  await desk
    .locator('.follow-ups__item')
    .nth(ids.length - 1)
    .waitFor();
  await more.waitFor({ state: 'detached' });
  await desk.waitForTimeout(300);
  const final = await shown();
  expect(final).toEqual(ids);
  expect(new Set(final).size).toBe(ids.length);
  await scrollToBottom(desk);
  await screenshot(desk, 'follow-ups-all-pages');

  // The clerk rings a member: the club goes to the background, and comes back. The list is read again as
  // it comes back, and she keeps every card she had scrolled to, not only the first page.
  const reread = desk.waitForResponse(/\/staff\/follow-ups\?/);
  await setVisible(desk, false);
  await setVisible(desk, true);
  await reread;
  await desk.waitForTimeout(300);
  expect(await shown()).toEqual(ids);
  expect(await more.count()).toBe(0);

  // Pulled down, the list starts again from its first page as the server holds it now (the first one was
  // resolved at another desk meanwhile): twenty cards, and the way to more.
  await call(`/follow-ups/${ids[0]}/resolution`, {
    method: 'POST',
    token: clerkToken,
    body: { note: '已致电致歉，并为会员预约了周末到店' },
  });
  await pullDown(desk);
  await desk.waitForFunction(
    (first) => document.querySelector('.follow-ups__item')?.getAttribute('data-follow-up') === first,
    ids[1],
  );
  expect(await shown()).toEqual(ids.slice(1, PAGE + 1));
  await more.waitFor();
});
