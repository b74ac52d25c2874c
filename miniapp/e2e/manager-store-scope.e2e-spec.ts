import type { ClerkContacts, Paginated, Staff, StaffLoginResponse, Store } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { screenshot, type Phone } from './support/browser';
import { call, joinByApi, staffTokenByApi } from './support/club-api';
import { pickStore, scrollToBottom, staffPhone, textOf } from './support/screens';

// No demo member or demo staff is used here: each test makes its own boutique, staff and members through
// the API (usernames *_scope_<suffix>, sandbox ids mgr-scope-*, phones 136…), so nobody else's data moves.
const MANAGER = { username: 'manager', password: 'club-manager-2026' };
const PASSWORD = 'pearl-and-jade-26';
/** A clerk's contacts the drill-down reads at a time. */
const PAGE = 20;

const suffix = String(Date.now()).slice(-6);

let phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
});

const managerPhone = (): Promise<Page> => staffPhone(phones, MANAGER.username, MANAGER.password);

async function newStore(token: string, name: string): Promise<Store> {
  return call<Store>('/stores', {
    method: 'POST',
    token,
    body: { name: `${name} ${suffix}`, city: '杭州', address: '上城区延安路 98 号' },
  });
}

async function newStaff(token: string, role: Staff['role'], name: string, username: string, storeId: string) {
  return call<Staff>('/staff', {
    method: 'POST',
    token,
    body: { name, username: `${username}_scope_${suffix}`, password: PASSWORD, role, storeId },
  });
}

test('a boutique manager is made chain-wide again from the staff page; a clerk is offered no such choice', async () => {
  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const store = await newStore(token, '杭州湖滨店');
  const manager = await newStaff(token, 'manager', '沈曼青', 'shenmq', store.id);
  const clerk = await newStaff(token, 'clerk', '叶知秋', 'yezq', store.id);

  const page = await managerPhone();
  await page.locator('[data-link=manager-staff]').click();
  await page.waitForURL(/manager\/pages\/staff\/index/);
  await pickStore(page, 'store-filter', store.id, store.name);

  // A clerk belongs to one boutique: other boutiques to move to (not her own), never "every boutique".
  const clerkCard = page.locator(`[data-staff="${clerk.username}"]`);
  const sheet = page.locator('[data-sheet=store-scope]');
  await clerkCard.locator('[data-action=move]').click();
  expect(
    await textOf(page, `[data-staff="${clerk.username}"] [data-field=move-to] [data-action=pick-store]`),
  ).toBe('选择门店▾');
  await clerkCard.locator('[data-field=move-to] [data-action=pick-store]').click();
  await sheet.locator('[data-value]').first().waitFor();
  expect(await sheet.locator('[data-value=chain-wide]').count()).toBe(0);
  expect(await sheet.textContent()).not.toContain('全店通用');
  expect(await sheet.locator(`[data-value="${store.id}"]`).count()).toBe(0);
  // A tap above the sheet's panel puts it away, nothing chosen.
  await sheet.locator('.sheet__scrim').click({ position: { x: 20, y: 20 } });
  await sheet.waitFor({ state: 'detached' });

  // The boutique's manager: every boutique again, first in the sheet, said in words first.
  const card = page.locator(`[data-staff="${manager.username}"]`);
  expect(await textOf(page, `[data-staff="${manager.username}"] [data-members]`)).toBe('经理');
  await card.locator('[data-action=move]').click();
  await card.locator('[data-field=move-to] [data-action=pick-store]').click();
  expect(await sheet.locator('[data-value]').first().getAttribute('data-value')).toBe('chain-wide');
  expect(await sheet.locator('[data-value=chain-wide]').textContent()).toBe('全店通用');
  expect(await sheet.locator(`[data-value="${store.id}"]`).count()).toBe(0);
  await sheet.locator('[data-value=chain-wide]').click();
  await sheet.waitFor({ state: 'detached' });
  expect(
    await textOf(page, `[data-staff="${manager.username}"] [data-field=move-to] [data-action=pick-store]`),
  ).toBe('全店通用▾');
  await card.locator('[data-action=review]').click();
  expect(await textOf(page, `[data-staff="${manager.username}"] [data-confirm] .staffmgr__sentence`)).toBe(
    '「沈曼青」将改为全店通用，可查看所有门店。',
  );
  await screenshot(page, 'manager-staff-chain-wide-confirm');
  await card.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok')).toBe('「沈曼青」已改为全店通用');

  // The server holds it, and the list shows her with no boutique of her own.
  const listed = await call<Paginated<Staff>>(`/staff?limit=100&storeId=${store.id}`, { token });
  expect(listed.items.map((s) => s.username)).toEqual([clerk.username]);
  const login = await call<StaffLoginResponse>('/auth/staff', {
    method: 'POST',
    body: { username: manager.username, password: PASSWORD },
  });
  expect(login.staff).toMatchObject({ role: 'manager', storeId: null });
  await pickStore(page, 'store-filter', 'all');
  expect(await textOf(page, `[data-staff="${manager.username}"] [data-members]`)).toBe('经理 · 全店通用');
  expect(await page.locator(`[data-store=none] [data-staff="${manager.username}"]`).count()).toBe(1);
});

test('a clerk with more contacts than a page: the drill-down reads them a page at a time, each once, and a late page for another clerk never shows', async () => {
  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const store = await newStore(token, '杭州大厦店');
  const busy = await newStaff(token, 'clerk', '程思远', 'chengsy', store.id);
  // Both members join while she is the boutique's only clerk: they are hers.
  const members = await Promise.all(
    ['林婉清', '方雨桐'].map((name, i) =>
      joinByApi(`mgr-scope-${suffix}-${i}`, `136${suffix}${String(i).padStart(2, '0')}`, name, store.id, {
        marketing: true,
      }),
    ),
  );
  const quiet = await newStaff(token, 'clerk', '唐若兰', 'tangrl', store.id);

  // Two pages and a bit from the busy clerk, one contact from the quiet one.
  const greet = async (clerk: Staff, memberId: string, text: string, key: string) =>
    call('/greetings', {
      method: 'POST',
      token: await staffTokenByApi(clerk.username, PASSWORD),
      headers: { 'Idempotency-Key': `mgr-scope-${suffix}-${key}` },
      // Service notices: not held to the one-greeting-in-3-days cap that marketing ones are.
      body: { memberId, text, channels: ['inbox'], purpose: 'service' },
    });
  const total = 2 * PAGE + 5;
  for (let i = 0; i < total; i += 1) {
    await greet(busy, members[i % 2].id, `第 ${i + 1} 次回访：您的翡翠手镯已清洗保养好`, `busy-${i}`);
  }
  await greet(quiet, members[0].id, '林小姐，周末的珍珠品鉴会给您留了座位', 'quiet');
  const all = await call<ClerkContacts>(`/staff/${busy.id}/contacts?limit=100`, { token });
  expect(all.items).toHaveLength(total);
  const texts = all.items.map((c) => c.text);

  const page = await managerPhone();
  await page.locator('[data-link=manager-activity]').click();
  await page.waitForURL(/manager\/pages\/clerk-activity\/index/);

  // The store picker: one line, a search that says when nothing matches, then this boutique.
  expect(await textOf(page, '[data-field=store] [data-action=pick-store]')).toBe('全部门店▾');
  expect(await page.locator('[data-field=store] .chip').count()).toBe(0);
  await page.locator('[data-field=store] [data-action=pick-store]').click();
  const sheet = page.locator('[data-sheet=store-scope]');
  await sheet.locator('input').fill(`不存在的门店 ${suffix}`);
  expect(await textOf(page, '.store-scope__none')).toBe(`没有找到与“不存在的门店 ${suffix}”相符的门店`);
  // Typed as people do, without the space: only this boutique is left to tap.
  await sheet.locator('input').fill(`大厦店${suffix}`);
  await sheet.locator(`[data-value="${store.id}"]`).waitFor();
  expect(await sheet.locator('.store-scope__option').count()).toBe(1);
  await screenshot(page, 'manager-store-picker-search');
  await sheet.locator(`[data-value="${store.id}"]`).click();
  await sheet.waitFor({ state: 'detached' });
  expect(await textOf(page, '[data-field=store] [data-action=pick-store]')).toBe(`${store.name}▾`);

  const shown = () =>
    page.locator('[data-clerk-contacts] .activity__text').evaluateAll((els) => els.map((e) => e.textContent));
  const more = page.locator('[data-action=more]');
  const busyRow = page.locator(`[data-clerk="${busy.name}"]`);
  await busyRow.locator('[data-figure=contacts] .activity__value', { hasText: String(total) }).waitFor();

  // The first page, and the way to the next.
  await busyRow.click();
  await page
    .locator('[data-clerk-contacts] .activity__text')
    .nth(PAGE - 1)
    .waitFor();
  expect(await shown()).toEqual(texts.slice(0, PAGE));
  expect(await more.textContent()).toBe('查看更多');

  // Its next page is held until the manager has gone back and opened the quiet clerk: it never shows there.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const nextPage = new RegExp(`/staff/${busy.id}/contacts\\?.*cursor=`);
  await page.route(nextPage, async (route) => {
    await held;
    await route.continue();
  });
  const lateAnswer = page.waitForResponse(nextPage);
  await more.click();
  await page.locator('[data-action=more]', { hasText: '请稍候…' }).waitFor();
  await page.locator('[data-action=back]').click();
  await page.locator(`[data-clerk="${quiet.name}"]`).click();
  await page.locator(`[data-clerk-contacts="${quiet.name}"] .activity__text`).waitFor();
  release();
  await lateAnswer;
  await page.waitForTimeout(300);
  expect(await shown()).toEqual(['林小姐，周末的珍珠品鉴会给您留了座位']);
  expect(await more.count()).toBe(0);
  await page.unroute(nextPage);

  // Back to the busy clerk: scrolling to the end brings the second page, the button the last; each once.
  await page.locator('[data-action=back]').click();
  await busyRow.click();
  await page
    .locator('[data-clerk-contacts] .activity__text')
    .nth(PAGE - 1)
    .waitFor();
  await scrollToBottom(page);
  await page
    .locator('[data-clerk-contacts] .activity__text')
    .nth(2 * PAGE - 1)
    .waitFor();
  expect(await shown()).toEqual(texts.slice(0, 2 * PAGE));
  await screenshot(page, 'manager-clerk-contacts-more');
  await more.click();
  await page
    .locator('[data-clerk-contacts] .activity__text')
    .nth(total - 1)
    .waitFor();
  await more.waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  expect(await shown()).toEqual(texts);
});

test('a manager deactivates another manager account and takes her back; never her own', async () => {
  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const store = await newStore(token, '杭州西溪店');
  const other = await newStaff(token, 'manager', '许知微', 'xuzw', store.id);

  const page = await managerPhone();
  await page.locator('[data-link=manager-staff]').click();
  await page.waitForURL(/manager\/pages\/staff\/index/);

  // Her own card: moved, never deactivated (the server refuses it; another manager does it).
  const own = page.locator(`[data-staff="${MANAGER.username}"]`);
  await own.locator('[data-action=move]').waitFor();
  expect(await own.locator('[data-action=deactivate]').count()).toBe(0);

  await pickStore(page, 'store-filter', store.id, store.name);
  const card = page.locator(`[data-staff="${other.username}"]`);
  await card.locator('[data-action=deactivate]').click();
  expect(await textOf(page, `[data-staff="${other.username}"] [data-confirm] .staffmgr__sentence`)).toBe(
    '停用后「许知微」将无法登录，联络记录仍留在会员名下。',
  );
  await card.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok')).toBe('「许知微」已停用');
  expect(await card.locator('[data-state]').textContent()).toBe('已停用');
  await screenshot(page, 'manager-staff-manager-deactivated');
  await expect(
    call('/auth/staff', { method: 'POST', body: { username: other.username, password: PASSWORD } }),
  ).rejects.toThrow(/\/auth\/staff → 4\d\d/);

  await card.locator('[data-action=activate]').click();
  expect(await textOf(page, '.staff__ok')).toBe('「许知微」已重新启用');
  expect(await card.locator('[data-state]').textContent()).toBe('在职');
  const login = await call<StaffLoginResponse>('/auth/staff', {
    method: 'POST',
    body: { username: other.username, password: PASSWORD },
  });
  expect(login.staff).toMatchObject({ role: 'manager', storeId: store.id });
});
