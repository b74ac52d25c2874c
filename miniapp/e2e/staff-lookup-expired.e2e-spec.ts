import { openPhone, screenshot, type Phone } from './support/browser';
import { memberByApi } from './support/club-api';
import { DEMO_CLERK_PASSWORD, signInAsStaff, textOf } from './support/screens';

let phone: Phone | undefined;

afterEach(async () => {
  await phone?.close();
});

// The card code lives 60 seconds; this waits for one to lapse, in its own file so that the wait
// overlaps the other browser tests instead of adding to them.
test('a clerk scanning a card code whose minute has passed is told it expired (410), not that it is invalid', async () => {
  const member = await memberByApi('demo-6');
  const { code, expiresAt } = await member.cardCode();

  phone = await openPhone();
  const { page } = phone;
  await signInAsStaff(page, 'clerk2', DEMO_CLERK_PASSWORD);
  const wait = Date.parse(expiresAt) - Date.now() + 1_500;
  expect(wait).toBeLessThan(62_000);
  await page.waitForTimeout(Math.max(0, wait));

  await page.locator('[data-field=cardCode] input').fill(code);
  await page.locator('.staff__submit').click();
  expect(await textOf(page, '[data-error=lookup]')).toBe('会员码已过期，请让会员刷新后再扫');
  expect(await page.locator('.staff__result').count()).toBe(0);
  await screenshot(page, 'staff-lookup-expired');
}, 120_000);
