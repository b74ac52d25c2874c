import type { InboxItem, InboxUnreadCount, Paginated, ReferralCard, ReferralSummary } from '@vip-club/shared';
import { openPhone, screenshot, type Phone } from './support/browser';
import { baseUrl, memberByApi, publishEventByApi, staffTokenByApi } from './support/club-api';
import { httpJson } from './support/http';
import { enterClub, textOf } from './support/screens';

const MANAGER = { username: 'manager', password: 'club-manager-2026' };
/** Demo members no other browser test signs in as: the referrer, and the member whose inbox is read. */
const REFERRER = 'demo-47';
const READER = 'demo-48';

const phones: Phone[] = [];

async function api<T>(path: string, token: string): Promise<T> {
  const res = await httpJson(`${baseUrl()}/api/v1${path}`, { token });
  expect(res.status).toBe(200);
  return res.body as T;
}

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

test("a friend joins through the member's link; the member's referral page shows the code, the link and her", async () => {
  const referrer = await memberByApi(REFERRER);
  const before = await api<ReferralSummary>('/me/referral', referrer.token);

  // The newcomer opens the shared link on a fresh phone: the door first, then the form keeps the code.
  const newcomer = await openPhone();
  phones.push(newcomer);
  const join = newcomer.page;
  await join.goto(
    `${baseUrl()}/?as=friend-${Date.now()}#/pages/join/index?referralCode=${encodeURIComponent(before.code)}`,
  );
  await join.getByText('进入俱乐部', { exact: true }).click();
  await join.waitForURL(/pages\/join\/index/);
  expect(await textOf(join, '[data-referral]')).toBe(`好友邀请码 ${before.code}`);
  await join.locator('[data-field=name] input').fill('苏念真');
  await join.locator('[data-field=gender] [data-value=female]').click();
  await join.locator('[data-picker=birthday]').click();
  await join.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
  await join.locator('[data-field=phone] input').fill(`137${String(Date.now()).slice(-8)}`);
  await join.locator('.join__submit').click();
  await join.waitForURL(/pages\/home\/index/);
  await join.locator('.member-card').waitFor();

  const after = await api<ReferralSummary>('/me/referral', referrer.token);
  expect(after.invited).toBe(before.invited + 1);
  expect(after.referrals[0]).toEqual(
    expect.objectContaining({ name: '苏**', status: 'bound', pointsEarned: 0 }),
  );

  // The referrer, from the card page to her referral page.
  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=${REFERRER}`);
  await page.waitForURL(/pages\/home\/index/);
  await page.locator('[data-link=referral]').click();
  await page.waitForURL(/pages\/referral\/index/);
  expect(await textOf(page, '.referral__code')).toBe(after.code);
  // The sandbox logs in through WeChat, so the card also carries the mini-program code.
  const card = await api<ReferralCard>('/me/referral/card', referrer.token);
  expect(card.wechatCodeImage).toBeTruthy();
  expect(await page.locator('.referral__qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  const link = await textOf(page, '.referral__link');
  expect(link).toBe(`${baseUrl()}/#/pages/join/index?referralCode=${encodeURIComponent(after.code)}`);
  expect(await textOf(page, '.referral__stats')).toBe(
    `已邀请 ${after.invited} 位 · 已获奖励 ${after.rewarded} 位`,
  );
  const rows = page.locator('.referral__row');
  expect(await rows.count()).toBe(after.referrals.length);
  expect(await textOf(page, '.referral__row .referral__name')).toBe('苏**');
  expect(await textOf(page, '.referral__row .referral__meta')).toMatch(/加入 · 待首次购物$/);
  await screenshot(page, 'referral-page');
  await page.locator('.referral__copy').click();
  await page.getByText('链接已复制').waitFor();
});

test('an invitation reaches the inbox: the badge counts it, opening reads it, the member thanks and opens the event', async () => {
  const reader = await memberByApi(READER);
  const managerToken = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const hour = 3_600_000;
  const title = `珍珠品鉴晚宴 ${String(Date.now()).slice(-6)}`;
  const event = await publishEventByApi(managerToken, {
    title,
    kind: 'banquet',
    description: '',
    venue: '上海静安店',
    startsAt: new Date(Date.now() + 96 * hour).toISOString(),
    endsAt: new Date(Date.now() + 99 * hour).toISOString(),
    capacity: 8,
    pointsCost: 0,
    guestsAllowed: 0,
    eligibility: { memberIds: [reader.me.id] },
    registration: {
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 72 * hour).toISOString(),
    },
  });
  // The publish fan-out and the outbox deliver in the background, about a second apart.
  const deadline = Date.now() + 15_000;
  let invitation: InboxItem | undefined;
  while (!invitation && Date.now() < deadline) {
    const inbox = await api<Paginated<InboxItem>>('/me/inbox?limit=50', reader.token);
    invitation = inbox.items.find((i) => i.kind === 'event_invitation' && i.data?.eventId === event.id);
    if (!invitation) await new Promise((r) => setTimeout(r, 250));
  }
  expect(invitation).toBeDefined();
  const unread = await api<InboxUnreadCount>('/me/inbox/unread-count', reader.token);
  expect(unread.count).toBeGreaterThanOrEqual(1);

  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await enterClub(page, `${baseUrl()}/?as=${READER}`);
  await page.waitForURL(/pages\/home\/index/);
  expect(await textOf(page, '.inbox-entry__badge')).toBe(String(unread.count));
  await screenshot(page, 'home-inbox-badge');

  await page.locator('[data-link=inbox]').click();
  await page.waitForURL(/pages\/inbox\/index/);
  const card = page.locator(`[data-notice="${invitation!.id}"]`);
  await card.waitFor();
  expect(await textOf(page, `[data-notice="${invitation!.id}"] .inbox__kind`)).toBe('活动邀请');
  expect(await textOf(page, `[data-notice="${invitation!.id}"] .inbox__title`)).toBe(invitation!.title);
  expect(await card.locator('.inbox__new').count()).toBe(1);
  // Opening the inbox read it (the mark is sent right after the list shows).
  let left = unread.count;
  for (const stop = Date.now() + 5_000; left > 0 && Date.now() < stop;) {
    await new Promise((r) => setTimeout(r, 200));
    left = (await api<InboxUnreadCount>('/me/inbox/unread-count', reader.token)).count;
  }
  expect(left).toBe(0);

  await card.locator('[data-reply=thanks]').click();
  await page.getByText('已致谢').first().waitFor();
  expect(await textOf(page, `[data-notice="${invitation!.id}"] [data-reply=thanks]`)).toBe('已致谢');
  await screenshot(page, 'inbox-replied');
  // A second thank-you is the same one, as the server stored it.
  const again = await httpJson(`${baseUrl()}/api/v1/me/inbox/${invitation!.id}/reply`, {
    method: 'POST',
    body: { kind: 'thanks' },
    token: reader.token,
  });
  expect(again.status).toBe(201);

  // After a reload the inbox still shows what was answered, as the server keeps it.
  await page.reload();
  await card.waitFor();
  expect(await textOf(page, `[data-notice="${invitation!.id}"] [data-reply=thanks]`)).toBe('已致谢');
  expect(await textOf(page, `[data-notice="${invitation!.id}"] [data-reply=call_me]`)).toBe('请联系我');
  expect(await card.locator('.inbox__new').count()).toBe(0);

  await card.locator('.inbox__content').click();
  await page.waitForURL(new RegExp(`pages/event/index\\?id=${event.id}`));
  // The inbox stays in the page stack (hidden) and also holds the title: read the event page's own heading.
  await page.locator('.event__hero .event-head__name', { hasText: title }).waitFor();

  // Back on the card page, nothing is unread.
  await page.goto(`${baseUrl()}/#/pages/home/index`);
  await page.locator('.member-card').waitFor();
  await page.locator('[data-link=inbox]').waitFor();
  expect(await page.locator('.inbox-entry__badge').count()).toBe(0);
});
