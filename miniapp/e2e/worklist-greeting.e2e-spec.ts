import type {
  GreetingTemplate,
  InboxItem,
  InboxUnreadCount,
  JoinResponse,
  MemberContacts,
  MemberDetail,
  Paginated,
  PlatformLoginResponse,
  StaffLoginResponse,
  Worklist,
} from '@vip-club/shared';
import { openPhone, screenshot, type Phone } from './support/browser';
import { baseUrl } from './support/club-api';
import { httpJson } from './support/http';
import { DEMO_CLERK_PASSWORD, enterClub, textOf } from './support/screens';

const MANAGER = { username: 'manager', password: 'club-manager-2026' };
/**
 * No other browser test signs in as this clerk. The member is a newcomer made here (a sandbox account
 * of her own), so no demo member is touched and no other test's greeting or cap can reach her.
 */
const CLERK = 'clerk5';
const DAY = 86_400_000;
const CLUB_OFFSET = 8 * 3_600_000;

const phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const res = await httpJson(`${baseUrl()}/api/v1${path}`, init);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

test("a clerk greets a new member from today's worklist; the member finds it in her inbox", async () => {
  const suffix = String(Date.now()).slice(-6);
  const clerk = await api<StaffLoginResponse>('/auth/staff', {
    method: 'POST',
    body: { username: CLERK, password: DEMO_CLERK_PASSWORD },
  });
  const manager = await api<StaffLoginResponse>('/auth/staff', { method: 'POST', body: MANAGER });

  // A newcomer who joined today at the clerk's boutique, her birthday three club days away.
  const soon = new Date(Date.now() + CLUB_OFFSET + 3 * DAY);
  const month = soon.getUTCMonth() + 1;
  const day = soon.getUTCDate();
  const sandboxId = `greet-${suffix}`;
  const visitor = await api<PlatformLoginResponse>('/auth/wechat', {
    method: 'POST',
    body: { code: `sandbox:${sandboxId}` },
  });
  const name = '林晓棠';
  const joined = await api<JoinResponse>('/members', {
    method: 'POST',
    token: visitor.accessToken,
    body: {
      name,
      gender: 'female',
      // 1992 was a leap year, so any day of the year is a real birthday.
      birthday: `1992-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      phoneCode: `sandbox:139${suffix}00`,
      interests: ['珍珠', '婚嫁'],
      storeId: clerk.staff.storeId ?? undefined,
      consent: { marketing: true },
    },
  });
  await api(`/members/${joined.id}/clerk`, {
    method: 'PUT',
    body: { clerkId: clerk.staff.id },
    token: manager.accessToken,
  });
  const templateName = `生日问候 ${suffix}`;
  await api<GreetingTemplate>('/greeting-templates', {
    method: 'POST',
    token: manager.accessToken,
    body: {
      name: templateName,
      text: '{name}，您好！{birthday}是您的生日，我们为{tier}的您备好了一份心意，期待在店里与您相见。',
      purpose: 'marketing',
    },
  });
  const expectedText = `${name}，您好！${month}月${day}日是您的生日，我们为好友会员的您备好了一份心意，期待在店里与您相见。`;
  const worklist = await api<Worklist>('/staff/worklist', { token: clerk.accessToken });
  const detail = await api<MemberDetail>(`/members/${joined.id}`, { token: clerk.accessToken });

  // The clerk signs in and lands on today's worklist.
  const clerkPhone = await openPhone();
  phones.push(clerkPhone);
  const page = clerkPhone.page;
  await page.goto(`${baseUrl()}/#/staff/pages/login/index`);
  await page.locator('[data-field=username] input').fill(CLERK);
  await page.locator('[data-field=password] input').fill(DEMO_CLERK_PASSWORD);
  await page.locator('.staff__submit').click();
  await page.waitForURL(/staff\/pages\/worklist\/index/);
  const card = page.locator(`.worklist__entry[data-member-id="${joined.id}"]`);
  await card.waitFor();
  expect(await page.locator('.worklist__tool').allTextContents()).toEqual([
    '查找会员',
    '核销礼品',
    '活动签到',
    '邀请会员',
    '待跟进',
  ]);
  expect(await textOf(page, '.worklist__count')).toBe(`今天 ${worklist.items.length} 位`);
  expect(await page.locator('.worklist__entry').count()).toBe(worklist.items.length);
  expect(await card.locator('.worklist__name').textContent()).toBe(name);
  expect(await card.locator('.worklist__reason').allTextContents()).toEqual(['生日将至', '新会员问候']);
  expect(await card.locator('.worklist__phone').textContent()).toBe(`139****${suffix.slice(-2)}00`);
  expect(await card.locator('.worklist__spend').textContent()).toBe('近 12 个月 ¥0');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'clerk-worklist');

  // Her detail: the card as the clerk of her boutique may see it, no history yet.
  await card.click();
  await page.waitForURL(/staff\/pages\/member\/index/);
  expect(await textOf(page, '.member .staff__result-name')).toBe(name);
  expect(await textOf(page, '.member [data-field=phone]')).toBe(detail.phone);
  expect(await textOf(page, '.member [data-field=birthday]')).toBe(detail.birthday);
  expect(await textOf(page, '.member [data-field=interests]')).toBe('珍珠 · 婚嫁');
  expect(await textOf(page, '[data-empty=history]')).toBe('还没有联络记录，第一句问候由您写下');
  await screenshot(page, 'clerk-member-detail');

  // The composer: the manager's template, filled in the preview as the member will read it.
  await page.locator('[data-action=greet]').click();
  await page.waitForURL(/staff\/pages\/greet\/index/);
  expect(await textOf(page, '.greet .eyebrow')).toBe(`致 ${name}`);
  expect(await textOf(page, '.greet__preview-body')).toBe('写下内容后，这里会显示会员收到的样子');
  await page.locator('[data-field=template] .chip', { hasText: templateName }).click();
  await page.locator('.greet__preview-body', { hasText: expectedText }).waitFor();
  expect(await textOf(page, '.greet__preview-title')).toBe('来自您的专属顾问');
  expect(await textOf(page, '.greet__preview-body')).toBe(expectedText);
  // The inbox is always on and cannot be turned off; WeChat and SMS are the clerk's choice.
  const inbox = page.locator('[data-field=channel-inbox]');
  await inbox.click();
  expect(await inbox.getAttribute('aria-checked')).toBe('true');
  await page.locator('[data-field=channel-wechat]').click();
  await page.locator('[data-field=channel-sms]').click();
  expect(await page.locator('[data-field=channel-sms]').getAttribute('aria-checked')).toBe('true');
  await page.locator('.greet__preview').scrollIntoViewIfNeeded();
  await screenshot(page, 'clerk-greeting-composer');

  await page.locator('[data-action=send-greeting]').click();
  const result = page.locator('[data-result=greeting]');
  await result.waitFor();
  expect(await textOf(page, '.greet__result-head')).toBe(`已向 ${name} 送出问候`);
  expect(await textOf(page, '[data-result=greeting] [data-channel=inbox] .deliveries__status')).toBe(
    '已送出',
  );
  // She agreed to hear from the club, but never turned on greetings in WeChat.
  expect(await textOf(page, '[data-result=greeting] [data-channel=wechat] .deliveries__status')).toBe(
    '未送出 · 会员尚未开启此处的消息提醒',
  );
  const history = await api<MemberContacts>(`/members/${joined.id}/contacts`, { token: clerk.accessToken });
  expect(history.items).toHaveLength(1);
  expect(history.items[0].text).toBe(expectedText);
  const sms = history.items[0].deliveries.find((d) => d.channel === 'sms');
  expect(await textOf(page, '[data-result=greeting] [data-channel=sms] .deliveries__status')).toBe(
    sms?.status === 'queued' ? '已送出' : '未送出 · 短信服务暂未开通',
  );
  await screenshot(page, 'clerk-greeting-sent');

  // Back on her detail the greeting is on the history, and the worklist no longer asks to welcome her.
  await page.locator('[data-action=back-to-member]').click();
  await page.waitForURL(/staff\/pages\/member\/index/);
  const contact = page.locator(`[data-contact-id="${history.items[0].id}"]`);
  await contact.waitFor();
  expect(await contact.locator('.member__contact-text').textContent()).toBe(expectedText);
  expect(await contact.locator('.member__contact-purpose').textContent()).toBe('关怀问候');

  // A second word of her own, with her name tapped in: the club-wide 3-day cap says when she may hear again.
  await page.locator('[data-action=greet]').click();
  await page.waitForURL(/staff\/pages\/greet\/index/);
  await page.locator('.greet__text textarea').fill('感谢您今天到店，');
  await page.locator('[data-insert=name]').click();
  await page.locator('.greet__preview-body', { hasText: `感谢您今天到店，${name}` }).waitFor();
  await page.locator('[data-action=send-greeting]').click();
  const nextAllowed = new Date(Date.parse(history.items[0].at) + 3 * DAY + CLUB_OFFSET).toISOString();
  expect(await textOf(page, '[data-error=greeting]')).toBe(
    `这位会员近 3 天已收到俱乐部的问候，${nextAllowed.slice(0, 10)} ${nextAllowed.slice(11, 16)} 之后可再发送`,
  );
  await screenshot(page, 'clerk-greeting-capped');

  // The member: the outbox delivers in the background; her card shows the unread count, her inbox the words.
  let greeting: InboxItem | undefined;
  for (const stop = Date.now() + 15_000; !greeting && Date.now() < stop;) {
    const items = await api<Paginated<InboxItem>>('/me/inbox?limit=50', { token: joined.accessToken });
    greeting = items.items.find((i) => i.kind === 'greeting');
    if (!greeting) await new Promise((r) => setTimeout(r, 250));
  }
  expect(greeting).toBeDefined();
  const unread = await api<InboxUnreadCount>('/me/inbox/unread-count', { token: joined.accessToken });
  expect(unread.count).toBeGreaterThanOrEqual(1);

  const memberPhone = await openPhone();
  phones.push(memberPhone);
  const home = memberPhone.page;
  await enterClub(home, `${baseUrl()}/?as=${sandboxId}`);
  await home.waitForURL(/pages\/home\/index/);
  expect(await textOf(home, '.inbox-entry__badge')).toBe(String(unread.count));
  await home.locator('[data-link=inbox]').click();
  await home.waitForURL(/pages\/inbox\/index/);
  const notice = home.locator(`[data-notice="${greeting!.id}"]`);
  await notice.waitFor();
  expect(await notice.locator('.inbox__kind').textContent()).toBe('门店问候');
  expect(await notice.locator('.inbox__title').textContent()).toBe('来自您的专属顾问');
  expect(await notice.locator('.inbox__body').textContent()).toBe(expectedText);
  expect(await notice.locator('.inbox__new').count()).toBe(1);
  await screenshot(home, 'member-inbox-greeting');

  // The clerk's list today: still her birthday, no longer a welcome to give.
  const after = await api<Worklist>('/staff/worklist', { token: clerk.accessToken });
  expect(after.items.find((i) => i.member.id === joined.id)?.reasons).toEqual(['birthday']);
});
