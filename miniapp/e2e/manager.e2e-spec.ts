import { openPhone, screenshot, type Phone } from './support/browser';
import { baseUrl } from './support/club-api';
import { httpJson } from './support/http';
import { signInAsStaff, textOf } from './support/screens';

let phone: Phone | undefined;

afterEach(async () => {
  await phone?.close();
});

test('a manager opens a boutique and gives a clerk an account, and that clerk can sign in', async () => {
  phone = await openPhone();
  const { page } = phone;
  await signInAsStaff(page, 'manager', 'club-manager-2026');
  await page.getByText('管理门店与店员').click();
  await page.waitForURL(/staff\/pages\/manage\/index/);

  const suffix = String(Date.now()).slice(-6);
  await page.locator('[data-field=storeName] input').fill(`杭州湖滨店 ${suffix}`);
  await page.locator('[data-field=city] input').fill('杭州');
  await page.locator('[data-field=address] input').fill('上城区湖滨路 18 号');
  await page.locator('.manage__add-store').click();
  expect(await textOf(page, '.staff__ok')).toBe('已创建');

  const stores = await httpJson(`${baseUrl()}/api/v1/stores?limit=100`);
  const created = (stores.body as { items: { id: string; name: string }[] }).items.find(
    (s) => s.name === `杭州湖滨店 ${suffix}`,
  );
  expect(created).toBeDefined();

  await page.locator('[data-field=clerkName] input').fill('沈清');
  await page.locator('[data-field=clerkUsername] input').fill(`clerk_${suffix}`);
  await page.locator('[data-field=clerkPassword] input').fill('pearl-and-jade-26');
  await page.locator(`[data-field=clerkStore] [data-value="${created!.id}"]`).click();
  expect(
    await page.locator(`[data-field=clerkStore] [data-value="${created!.id}"]`).getAttribute('aria-checked'),
  ).toBe('true');
  await page.locator('.manage__add-clerk').click();
  expect(await textOf(page, '.staff__ok')).toBe('已创建');
  await screenshot(page, 'manager');

  const login = await httpJson(`${baseUrl()}/api/v1/auth/staff`, {
    method: 'POST',
    body: { username: `clerk_${suffix}`, password: 'pearl-and-jade-26' },
  });
  expect(login.status).toBe(200);
  expect((login.body as { staff: { role: string; storeId: string } }).staff).toEqual(
    expect.objectContaining({ role: 'clerk', storeId: created!.id }),
  );
});
