import type { Page } from 'playwright-core';
import { baseUrl } from './club-api';
import { openPhone, screenshot, type Phone } from './browser';

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

/**
 * Chooses in a manager page's store picker (`data-field`): a store by its id, typing `search` first so it
 * is among the few shown, or the page's own value for every store.
 */
export async function pickStore(page: Page, field: string, value: string, search?: string): Promise<void> {
  await page.locator(`[data-field=${field}] [data-action=pick-store]`).click();
  const sheet = page.locator('[data-sheet=store-scope]');
  if (search) await sheet.locator('input').fill(search);
  await sheet.locator(`[data-value="${value}"]`).click();
  await sheet.waitFor({ state: 'detached' });
}

/**
 * Scrolls to the very end of the page as a thumb would: from a little above it, then down, a frame apart
 * (H5 fires reach-bottom only after a scroll event found the page away from its end).
 */
export async function scrollToBottom(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    // The window or the H5 page container, whichever scrolls.
    const scrollers = [
      document.scrollingElement,
      ...Array.from(document.querySelectorAll('.taro_page')),
    ].filter((el): el is Element => !!el && el.scrollHeight > el.clientHeight);
    for (const el of scrollers) el.scrollTop = Math.max(0, el.scrollHeight - el.clientHeight - 400);
    await frame();
    for (const el of scrollers) el.scrollTop = el.scrollHeight;
    await frame();
  });
}

/** A phone signed in as staff, put in `phones` for the test file's afterEach to close. */
export async function staffPhone(phones: Phone[], username: string, password: string): Promise<Page> {
  const phone = await openPhone();
  phones.push(phone);
  await signInAsStaff(phone.page, username, password);
  return phone.page;
}
