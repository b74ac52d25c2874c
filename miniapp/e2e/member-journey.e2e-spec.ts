import { baseUrl, memberByApi } from './support/club-api';
import { openPhone, screenshot, type Phone } from './support/browser';
import { httpJson } from './support/http';
import { DEMO_CLERK_PASSWORD, enterClub, openTab, signInAsStaff, textOf } from './support/screens';

const TIER_ZH: Record<string, string> = { friend: '友卡', silver: '银卡', gold: '金卡', diamond: '钻石卡' };

/** Written independently of the app's formatter, so a formatting slip in the app shows up here. */
function yuan(minor: number): string {
  return `¥${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

let phone: Phone;

afterEach(async () => {
  await phone?.close();
});

test('a new person logs in, sees what the join form needs, joins and lands on a friend card with a QR', async () => {
  phone = await openPhone();
  const { page } = phone;
  await page.goto(baseUrl());
  await page.getByText('欢迎来到会员俱乐部').waitFor();
  await page.getByText('每一次光临，都值得被珍藏').waitFor();
  await screenshot(page, 'welcome');

  await page.getByText('进入俱乐部', { exact: true }).click();
  await page.waitForURL(/pages\/join\/index/);
  await page.locator('.join__submit').click();
  expect(await textOf(page, '[data-error-for=name]')).toBe('请告诉我们如何称呼您');
  expect(await textOf(page, '[data-error-for=gender]')).toBe('请选择性别');
  expect(await textOf(page, '[data-error-for=birthday]')).toBe('请选择您的生日');
  expect(await textOf(page, '[data-error-for=phone]')).toBe('请填写有效的 11 位手机号');
  await page.evaluate(() => document.querySelector('.taro_page')?.scrollTo(0, 0));
  await screenshot(page, 'join-errors');

  const mobile = `139${String(Date.now()).slice(-8)}`;
  await page.locator('[data-field=name] input').fill('林婉清');
  await page.locator('[data-field=gender] [data-value=female]').click();
  await page.locator('[data-picker=birthday]').click();
  await page.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
  expect(await textOf(page, '[data-picker=birthday]')).toBe('1990-01-01');
  await page.locator('[data-field=birthday-year-private]').click();
  expect(await textOf(page, '[data-picker=birthday]')).toBe('01-01');
  await page.locator('[data-field=phone] input').fill(mobile);
  await page.locator('[data-field=interests] [data-value="珍珠"]').click();
  await page.locator('[data-field=interests] [data-value="钻石"]').click();
  await page.locator('[data-field=consent]').click();
  expect(await page.locator('[data-error-for]').count()).toBe(0);
  await screenshot(page, 'join-filled');

  await page.locator('.join__submit').click();
  await page.waitForURL(/pages\/home\/index/);
  await page.locator('.member-card[data-tier=friend]').waitFor();
  expect(await textOf(page, '.member-card__name')).toBe('林婉清');
  expect(await textOf(page, '.member-card__tier')).toBe('友卡会员');
  expect(await textOf(page, '.member-card__points')).toBe('0');
  expect(await textOf(page, '.member-card__no')).toMatch(/^[1-9]\d{3} \d{4} \d$/);
  expect(await textOf(page, '.tier-progress__text')).toBe('再消费 ¥3,000 升级为银卡会员');
  const qr = page.locator('.qr-code img');
  await qr.waitFor({ state: 'visible' });
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  expect(await textOf(page, '.home__qr-countdown')).toMatch(/\d+ 秒后自动刷新/);
  await screenshot(page, 'home-new-member');
});

// Waits out most of a real 60-second card code to see the page renew it.
test('a seeded member (?as=demo-1) sees the card, points and tier progress the API holds, and the QR renews itself', async () => {
  const demo = await memberByApi('demo-1');
  const card = demo.me.card;
  expect(card.points).toBeGreaterThan(0);

  phone = await openPhone();
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=demo-1`);
  await page.waitForURL(/pages\/home\/index/);
  await page.locator(`.member-card[data-tier=${card.tier}]`).waitFor();
  expect(await textOf(page, '.member-card__name')).toBe(demo.me.name);
  expect(await textOf(page, '.member-card__tier')).toBe(`${TIER_ZH[card.tier]}会员`);
  expect(await textOf(page, '.member-card__points')).toBe(card.points.toLocaleString('en-US'));
  const no = card.memberNo;
  expect(await textOf(page, '.member-card__no')).toBe(`${no.slice(0, 4)} ${no.slice(4, 8)} ${no.slice(8)}`);
  expect(await textOf(page, '.tier-progress__text')).toBe(
    card.nextTier
      ? `再消费 ${yuan(card.spendToNextTier)} 升级为${TIER_ZH[card.nextTier]}会员`
      : '您已是俱乐部最高礼遇',
  );
  await page.locator('.qr-code img').waitFor({ state: 'visible' });
  await screenshot(page, 'home-demo-member');

  const isCardCodeCall = (r: { url(): string; status(): number }) =>
    r.url().endsWith('/api/v1/me/card-code') && r.status() === 200;
  // A tap asks for a fresh code at once.
  const tapped = page.waitForResponse(isCardCodeCall);
  await page.locator('.home__qr').click();
  await tapped;
  // Left alone, the page renews the code a few seconds before its minute is up.
  const renewed = page.waitForResponse(isCardCodeCall, { timeout: 70_000 });
  const countdown = page.locator('.home__qr-countdown');
  await page.waitForFunction(
    () => {
      const seconds = Number(document.querySelector('.home__qr-countdown')?.getAttribute('data-seconds'));
      return seconds > 0 && seconds <= 6;
    },
    undefined,
    { timeout: 70_000 },
  );
  await renewed;
  await page.waitForFunction(() => {
    return Number(document.querySelector('.home__qr-countdown')?.getAttribute('data-seconds')) > 50;
  });
  expect(await countdown.textContent()).toMatch(/秒后自动刷新/);
}, 150_000);

test('switching to English and to Traditional Chinese changes the copy, and the choice is kept', async () => {
  phone = await openPhone();
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=demo-2`);
  await page.waitForURL(/pages\/home\/index/);
  await page.locator('.member-card').waitFor();
  await openTab(page, '我的');
  await page.getByText('退出俱乐部').waitFor();

  await page.locator('[data-locale=en]').click();
  await page.getByText('Leave the club').waitFor();
  await page.getByText('My details').waitFor();
  expect(await page.getByText('退出俱乐部').count()).toBe(0);
  await screenshot(page, 'profile-en');
  await openTab(page, 'Card');
  await page.getByText('Member no.').waitFor();
  await page.getByText('Show this code to our staff').waitFor();
  await screenshot(page, 'home-en');

  await openTab(page, 'Me');
  await page.locator('[data-locale=zh-Hant]').click();
  await page.getByText('退出俱樂部').waitFor();
  await page.getByText('個人資料').waitFor();
  await screenshot(page, 'profile-zh-hant');

  await page.reload();
  await page.getByText('退出俱樂部').waitFor();
  expect(await page.locator('[data-locale=zh-Hant]').getAttribute('aria-checked')).toBe('true');
});

test('a clerk signs in and finds a member by the card code the member is showing', async () => {
  const member = await memberByApi('demo-3');
  const { code } = await member.cardCode();

  phone = await openPhone();
  const { page } = phone;
  await page.goto(`${baseUrl()}/#/staff/pages/login/index`);
  await page.locator('.title', { hasText: '员工登录' }).waitFor();
  await page.locator('[data-field=username] input').fill('clerk1');
  await page.locator('[data-field=password] input').fill('not-the-password');
  await page.locator('.staff__submit').click();
  expect(await textOf(page, '.banner-error')).toBe('账号或密码不正确');
  await signInAsStaff(page, 'clerk1', DEMO_CLERK_PASSWORD, 'staff-login');

  await page.locator('[data-field=cardCode] input').fill('1.not-a-card-code');
  await page.locator('.staff__submit').click();
  expect(await textOf(page, '[data-error=lookup]')).toBe('会员码无效，请让会员重新出示');

  await page.locator('[data-field=cardCode] input').fill(code);
  await page.locator('.staff__submit').click();
  const result = page.locator(`.staff__result[data-member-no="${member.me.memberNo}"]`);
  await result.waitFor();
  expect(await textOf(page, '.staff__result-name')).toBe(member.me.name);
  expect(await page.locator('[data-error=lookup]').count()).toBe(0);
  await screenshot(page, 'staff-lookup');
});

test('a spent access token is renewed with the refresh token unseen; a refused refresh returns the member to the door', async () => {
  phone = await openPhone();
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=demo-4`);
  await page.locator('.member-card').waitFor();

  const readSession = () =>
    page.evaluate(() => {
      const raw = localStorage.getItem('club.session.member');
      return raw ? (JSON.parse(raw) as { data: { accessToken: string; refreshToken: string } }).data : null;
    });
  const writeSession = (session: { accessToken: string; refreshToken: string }) =>
    page.evaluate((s) => localStorage.setItem('club.session.member', JSON.stringify({ data: s })), session);

  const before = await readSession();
  expect(before).not.toBeNull();
  await writeSession({ accessToken: 'spent.access.token', refreshToken: before!.refreshToken });
  await page.reload();
  await page.locator('.member-card').waitFor();
  expect(await page.locator('.banner-error').count()).toBe(0);
  const after = await readSession();
  // Refresh tokens rotate on use: a new pair proves the app renewed the session rather than reusing it.
  expect(after!.refreshToken).not.toBe(before!.refreshToken);
  expect(after!.accessToken).not.toBe('spent.access.token');

  await writeSession({ accessToken: 'spent.access.token', refreshToken: 'r'.repeat(43) });
  await page.reload();
  await page.getByText('进入俱乐部', { exact: true }).waitFor();
  expect(await readSession()).toBeNull();
});

test('a member edits their details, sees the birthday locked, and can leave the club', async () => {
  const member = await memberByApi('demo-5');
  phone = await openPhone();
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=demo-5`);
  await page.locator('.member-card').waitFor();
  await openTab(page, '我的');
  await page.getByText('编辑资料').click();
  await page.locator('.profile__edit input').first().waitFor();
  await page.locator('.profile__edit input').first().fill('周若兰');
  await page.locator('.profile__edit input').nth(1).fill('珠宝设计师');
  await page.locator('.profile__edit-actions .btn-primary').click();
  await page.locator('.profile__name', { hasText: '周若兰' }).waitFor();
  await page.getByText('珠宝设计师').waitFor();
  if (member.me.birthday) await page.getByText('生日设定后不可更改').waitFor();
  await screenshot(page, 'profile');
  const reread = await memberByApi('demo-5');
  expect(reread.me.name).toBe('周若兰');
  expect(reread.me.occupation).toBe('珠宝设计师');

  await page.locator('.profile__menu-item--danger').click();
  await page.getByText('确定退出', { exact: true }).click();
  await page.getByText('进入俱乐部', { exact: true }).waitFor();
  const res = await httpJson(`${baseUrl()}/api/v1/me`, { token: reread.token });
  expect(res.status).toBeGreaterThanOrEqual(400);
});
