import type { Paginated, Staff, StaffLoginResponse, Store } from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { screenshot, type Phone } from './support/browser';
import { call, staffTokenByApi } from './support/club-api';
import { staffPhone, textOf } from './support/screens';

// No demo member or demo staff is used here: each test makes its own boutique, staff and members through
// the API (usernames *_scope_<suffix>), so nobody else's data moves.
const MANAGER = { username: 'manager', password: 'club-manager-2026' };
const PASSWORD = 'pearl-and-jade-26';

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
  await page.locator(`[data-field=store-filter] [data-value="${store.id}"]`).click();

  // A clerk belongs to one boutique: other boutiques to move to, never "every boutique".
  const clerkCard = page.locator(`[data-staff="${clerk.username}"]`);
  await clerkCard.locator('[data-action=move]').click();
  await clerkCard.locator('[data-field=move-to] .chip').first().waitFor();
  expect(await clerkCard.locator('[data-field=move-to] [data-value=chain-wide]').count()).toBe(0);
  expect(await clerkCard.locator('[data-field=move-to]').textContent()).not.toContain('全店通用');

  // The boutique's manager: every boutique again, said in words first.
  const card = page.locator(`[data-staff="${manager.username}"]`);
  expect(await textOf(page, `[data-staff="${manager.username}"] [data-members]`)).toBe('经理');
  await card.locator('[data-action=move]').click();
  const chainWide = card.locator('[data-field=move-to] [data-value=chain-wide]');
  expect(await chainWide.textContent()).toBe('全店通用');
  await chainWide.click();
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
  await page.locator(`[data-field=store-filter] [data-value=all]`).click();
  expect(await textOf(page, `[data-staff="${manager.username}"] [data-members]`)).toBe('经理 · 全店通用');
  expect(await page.locator(`[data-store=none] [data-staff="${manager.username}"]`).count()).toBe(1);
});
