import type { Page } from 'playwright-core';
import { baseUrl } from './club-api';
import { screenshot } from './browser';

/** The demo club's clerk password (server/src/database/seed). */
export const DEMO_CLERK_PASSWORD = 'club-clerk-2026';

/** The visible text of the first element matching `selector`, once it shows. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible' });
  return ((await locator.textContent()) ?? '').trim();
}

/** Opens the club at `url` and taps the H5 login button. */
export async function enterClub(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByText('进入俱乐部', { exact: true }).click();
}

export async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click();
}

/** Signs in on the staff login screen and opens the lookup screen; optionally photographs the form first. */
export async function signInAsStaff(
  page: Page,
  username: string,
  password: string,
  shotName?: string,
): Promise<void> {
  if (!page.url().includes('/staff/pages/login/index')) {
    await page.goto(`${baseUrl()}/#/staff/pages/login/index`);
  }
  await page.locator('[data-field=username] input').fill(username);
  await page.locator('[data-field=password] input').fill(password);
  if (shotName) await screenshot(page, shotName);
  await page.locator('.staff__submit').click();
  await page.waitForURL(/staff\/pages\/(lookup|worklist)\/index/);
  if (page.url().includes('/staff/pages/worklist/index')) {
    // A clerk lands on today's worklist. The lookup screen is then opened afresh as the only page, as it
    // was when it was the landing: tapped through from the worklist, H5 left the lookup form visible
    // beneath the fulfil page, and the tests' `:visible` selectors expect one counter form at a time.
    await page.locator('.worklist__count, [data-empty=worklist], .worklist .banner-error').first().waitFor();
    await page.goto('about:blank');
    await page.goto(`${baseUrl()}/#/staff/pages/lookup/index`);
    await page.locator('[data-field=cardCode]').waitFor();
  }
}
