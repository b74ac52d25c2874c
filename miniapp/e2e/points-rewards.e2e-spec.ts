import type { Me, PointsSummary, Redemption, Paginated, LedgerEntry } from '@vip-club/shared';
import { openPhone, screenshot, type Phone } from './support/browser';
import { baseUrl, memberByApi } from './support/club-api';
import { httpJson } from './support/http';
import { DEMO_CLERK_PASSWORD, enterClub, signInAsStaff, textOf } from './support/screens';

const TIER_ZH: Record<string, string> = { friend: '友卡', silver: '银卡', gold: '金卡', diamond: '钻石卡' };

/** Written independently of the app's formatter, so a formatting slip in the app shows up here. */
function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

async function api<T>(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await httpJson(`${baseUrl()}/api/v1${path}`, { ...init, token });
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}

/** The first demo member from `from` on who is below diamond, so a large purchase raises the tier. */
async function memberBelowDiamond(from: number): Promise<{ id: string; token: string; me: Me }> {
  for (let n = from; n < from + 15; n++) {
    const m = await memberByApi(`demo-${n}`);
    if (m.me.card.tier !== 'diamond') return { id: `demo-${n}`, token: m.token, me: m.me };
  }
  throw new Error('no demo member below diamond');
}

let phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
});

async function phone(): Promise<Phone> {
  const p = await openPhone();
  phones.push(p);
  return p;
}

test('a clerk records a purchase for the member whose code they scanned; the member sees the points, the ledger entry and the new tier', async () => {
  const member = await memberBelowDiamond(20);
  const byApi = await memberByApi(member.id);
  const before = await api<PointsSummary>('/me/points/summary', member.token);
  const { code } = await byApi.cardCode();

  const clerk = await phone();
  await signInAsStaff(clerk.page, 'clerk1', DEMO_CLERK_PASSWORD);
  await clerk.page.locator('[data-field=cardCode] input').fill(code);
  await clerk.page.locator('.staff__submit:visible').click();
  await clerk.page.locator(`.staff__result[data-member-no="${member.me.card.memberNo}"]`).waitFor();
  await clerk.page.locator('[data-action=purchase]').click();
  await clerk.page.waitForURL(/staff\/pages\/purchase\/index/);
  expect(await textOf(clerk.page, '.purchase__member-name')).toBe(member.me.name);

  // Bad input is refused on the screen before anything is sent.
  await clerk.page.locator('[data-field=amount] input').fill('0');
  await clerk.page.locator('.staff__submit:visible').click();
  expect(await textOf(clerk.page, '[data-error-for=amount]')).toBe('请输入大于 0 的金额，最多两位小数');
  expect(await textOf(clerk.page, '[data-error-for=orderNo]')).toBe('订单号为 1–64 位字母、数字或 -_./:#');

  const orderNo = `E2E-${Date.now()}`;
  await clerk.page.locator('[data-field=amount] input').fill('50000');
  await clerk.page.locator('[data-field=orderNo] input').fill(orderNo);
  await screenshot(clerk.page, 'clerk-purchase-form');
  await clerk.page.locator('.staff__submit:visible').click();
  const result = clerk.page.locator('[data-result=purchase]');
  await result.waitFor();
  const earned = Number(await clerk.page.locator('[data-earned]').getAttribute('data-earned'));
  const balance = Number(await clerk.page.locator('[data-balance]').getAttribute('data-balance'));
  // ¥50,000 at one point per yuan at least.
  expect(earned).toBeGreaterThanOrEqual(50_000);
  expect(balance).toBe(before.balance + earned);
  expect(await textOf(clerk.page, '.purchase__figure-value')).toBe(`+${grouped(earned)}`);
  // ¥50,000 reaches the diamond threshold (¥30,000) from any lower tier.
  expect(await textOf(clerk.page, '[data-upgrade]')).toBe('✦ 恭喜升级为钻石卡会员 ✦');
  await screenshot(clerk.page, 'clerk-purchase-result');

  const memberPhone = await phone();
  const { page } = memberPhone;
  await enterClub(page, `${baseUrl()}/?as=${member.id}`);
  await page.locator('.member-card[data-tier=diamond]').waitFor();
  expect(await textOf(page, '.member-card__points')).toBe(grouped(balance));
  await page.locator('[data-link=points]').click();
  await page.waitForURL(/pages\/points\/index/);
  await page.locator(`.points__balance[data-balance="${balance}"]`).waitFor();
  expect(await textOf(page, '.points__balance')).toBe(grouped(balance));
  const newest = page.locator('.points__entry').first();
  expect(await newest.getAttribute('data-kind')).toBe('earn');
  expect(((await newest.locator('.points__entry-label').textContent()) ?? '').trim()).toBe('消费积分');
  expect(((await newest.locator('.points__delta').textContent()) ?? '').trim()).toBe(`+${grouped(earned)}`);
  expect(await textOf(page, '.points__expiry')).toMatch(/积分将于 \d{4}-\d{2}-\d{2} 到期|暂无即将到期的积分/);
  const ledger = await api<Paginated<LedgerEntry>>('/me/points?limit=1', member.token);
  expect(ledger.items[0]).toEqual(
    expect.objectContaining({ kind: 'earn', delta: earned, balanceAfter: balance }),
  );
  await screenshot(page, 'points');

  await page.locator('.points__link', { hasText: '会员等级与礼遇' }).click();
  await page.waitForURL(/pages\/tiers\/index/);
  expect(await textOf(page, '.tiers__name')).toBe(`${TIER_ZH.diamond}会员`);
  expect(await textOf(page, '.tiers__next')).toBe('您已是俱乐部最高礼遇');
  expect(await page.locator('.tiers__tier').count()).toBe(4);
  expect(await textOf(page, '.tiers__tier[data-tier=silver] .tiers__line')).toBe('12 个月内消费满 ¥3,000');
  await screenshot(page, 'tiers');

  // The customer brings a fifth of it back: the clerk refunds from the result screen.
  await clerk.page.locator('.purchase__secondary', { hasText: '办理退货' }).click();
  await clerk.page.waitForURL(/staff\/pages\/refund\/index/);
  await clerk.page.locator('[data-field=amount] input:visible').fill('10000');
  await clerk.page.locator('.staff__submit:visible').click();
  expect(await textOf(clerk.page, '[data-error-for=reason]')).toBe('请填写退货原因');
  await clerk.page.locator('[data-field=reason] input').fill('尺寸不合适');
  await clerk.page.locator('.staff__submit:visible').click();
  await clerk.page.locator('[data-result=refund]').waitFor();
  const reversed = Number(await clerk.page.locator('[data-reversed]').getAttribute('data-reversed'));
  expect(reversed).toBe(earned / 5);
  expect(
    Number(await clerk.page.locator('[data-result=refund] [data-balance]').getAttribute('data-balance')),
  ).toBe(balance - reversed);
  await screenshot(clerk.page, 'clerk-refund-result');
  // Opened afresh, so the screens left in the stack from before are gone.
  await page.goto(`${baseUrl()}/#/pages/points/index`);
  await page.reload();
  const reversal = page.locator('.points__entry').first();
  await page.locator(`.points__balance[data-balance="${balance - reversed}"]`).waitFor();
  expect(await reversal.getAttribute('data-kind')).toBe('refund_reversal');
  expect(((await reversal.locator('.points__entry-label').textContent()) ?? '').trim()).toBe('退货扣回');
  expect(((await reversal.locator('.points__delta').textContent()) ?? '').trim()).toBe(
    `−${grouped(reversed)}`,
  );
});

test('a manager adds a gift; a member redeems it after confirming, shows the pickup QR, and the clerk hands it over by the typed code', async () => {
  const suffix = String(Date.now()).slice(-6);
  const giftName = `珍珠耳钉 ${suffix}`;

  const login = await httpJson(`${baseUrl()}/api/v1/auth/staff`, {
    method: 'POST',
    body: { username: 'manager', password: 'club-manager-2026' },
  });
  const managerToken = (login.body as { accessToken: string }).accessToken;
  // Two more through the API, so the catalogue also shows why a gift cannot be redeemed yet.
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const later = new Date(Date.now() + 120 * 86_400_000).toISOString();
  const dear = { name: `鎏金书签 ${suffix}`, pointsCost: 9_000_000 };
  const voucher = { name: `新春礼券 ${suffix}`, availableFrom: soon };
  for (const extra of [
    { ...dear, description: '手工鎏金，附烫金书盒', kind: 'gift', availableFrom: new Date().toISOString() },
    { ...voucher, description: '门店保养礼券一张', kind: 'voucher', pointsCost: 500 },
  ]) {
    await api('/rewards', managerToken, {
      method: 'POST',
      body: { stock: 5, perMemberLimit: 1, tiers: [], availableTo: later, ...extra },
    });
  }

  const manager = await phone();
  await signInAsStaff(manager.page, 'manager', 'club-manager-2026');
  await manager.page.locator('[data-link=manager-rewards]').click();
  await manager.page.waitForURL(/manager\/pages\/rewards\/index/);
  await manager.page.locator('[data-field=rewardName] input').fill(giftName);
  await manager.page
    .locator('[data-field=rewardDescription] textarea')
    .fill('淡水珍珠，18K 金耳针，礼盒包装');
  await manager.page.locator('[data-field=rewardCost] input').fill('300');
  await manager.page.locator('[data-field=rewardStock] input').fill('20');
  await manager.page.locator('[data-field=rewardLimit] input').fill('2');
  // Earlier pages stay in the document, hidden: the page on show is the last one.
  await manager.page.evaluate(() => {
    const pages = document.querySelectorAll('.taro_page');
    pages[pages.length - 1]?.scrollTo(0, 0);
  });
  await screenshot(manager.page, 'manager-rewards-editor');
  await manager.page.locator('.staff__submit:visible').click();
  expect(await textOf(manager.page, '.staff__ok')).toBe('已保存');
  await manager.page.locator(`.manager__list-item[data-reward="${giftName}"]`).waitFor();
  expect(
    await textOf(manager.page, `.manager__list-item[data-reward="${giftName}"] .manager__list-meta`),
  ).toBe('礼品 · 300 积分 · 剩余 20 / 20');

  // A member with enough points: the manager tops them up through the API, with a reason.
  const member = await memberByApi('demo-40');
  const top = await httpJson(`${baseUrl()}/api/v1/members/${member.me.id}/points/adjustments`, {
    method: 'POST',
    body: { delta: 1000, reason: '浏览器测试：兑换礼品' },
    token: managerToken,
  });
  expect(top.status).toBe(201);
  const before = await api<PointsSummary>('/me/points/summary', member.token);

  const memberPhone = await phone();
  const { page } = memberPhone;
  await enterClub(page, `${baseUrl()}/?as=demo-40`);
  await page.locator('.member-card').waitFor();
  await page.locator('[data-link=rewards]').click();
  await page.waitForURL(/pages\/rewards\/index/);
  const card = page.locator(`.rewards__item[data-reward="${giftName}"]`);
  await card.waitFor();
  expect(await card.getAttribute('data-redeemable')).toBe('true');
  expect(((await card.locator('.rewards__stock').textContent()) ?? '').trim()).toBe('剩余 20 件');
  const dearCard = page.locator(`.rewards__item[data-reward="${dear.name}"]`);
  expect(await dearCard.getAttribute('data-redeemable')).toBe('false');
  const shortBy = `还差 ${grouped(dear.pointsCost - before.spendable)} 积分，下次光临便离它更近`;
  await dearCard.locator('.rewards__reason', { hasText: shortBy }).waitFor();
  expect(((await dearCard.locator('.rewards__reason').textContent()) ?? '').trim()).toBe(shortBy);
  expect(await dearCard.locator('.rewards__redeem').count()).toBe(0);
  const voucherCard = page.locator(`.rewards__item[data-reward="${voucher.name}"]`);
  expect(((await voucherCard.locator('.rewards__reason').textContent()) ?? '').trim()).toBe(
    `${voucher.availableFrom.slice(0, 10)} 起即可兑换`,
  );
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'rewards');

  await card.locator('.rewards__redeem').click();
  const sheet = page.locator('[data-sheet=redeem]');
  await sheet.waitFor();
  expect(await textOf(page, '.sheet__after')).toBe(`兑换后剩余 ${grouped(before.spendable - 300)} 积分`);
  await screenshot(page, 'rewards-confirm');
  const redeemed = page.waitForResponse((r) => /\/rewards\/\d+\/redemptions$/.test(r.url()));
  await sheet.locator('.sheet__ok').click();
  const answer = await redeemed;
  expect(answer.status()).toBe(201);
  expect(answer.request().headers()['idempotency-key']).toMatch(/^[\x21-\x7e]{1,64}$/);

  await page.waitForURL(/pages\/redemptions\/index/);
  const item = page.locator('.redemptions__item[data-status=awaiting_pickup]', { hasText: giftName });
  await item.waitFor();
  expect(((await item.locator('.redemptions__name').textContent()) ?? '').trim()).toBe(giftName);
  const code = (await item.locator('[data-code]').getAttribute('data-code')) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  expect(await item.locator('.qr-code img').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  await screenshot(page, 'redemption-qr');
  const after = await api<PointsSummary>('/me/points/summary', member.token);
  expect(after.balance).toBe(before.balance - 300);

  const clerk = await phone();
  await signInAsStaff(clerk.page, 'clerk1', DEMO_CLERK_PASSWORD);
  await clerk.page.locator('[data-action=fulfil]').click();
  await clerk.page.waitForURL(/staff\/pages\/fulfil\/index/);
  await clerk.page.locator('[data-field=pickupCode] input').fill('ABC');
  await clerk.page.locator('.staff__submit:visible').click();
  expect(await textOf(clerk.page, '[data-error=fulfil]')).toBe('取货码为 8 位字母与数字');
  // Typed in lower case, as a clerk reading it aloud might: the code is forgiven its case.
  await clerk.page.locator('[data-field=pickupCode] input').fill(code.toLowerCase());
  await clerk.page.locator('.staff__submit:visible').click();
  await clerk.page.locator(`[data-result=fulfil][data-code="${code}"]`).waitFor();
  expect(await textOf(clerk.page, '.fulfil__gift')).toBe(giftName);
  expect(await textOf(clerk.page, '.purchase__done')).toBe('核销成功，请将礼品交给会员');
  await screenshot(clerk.page, 'fulfil-result');

  // The same code again is refused in words, and nothing is handed over twice.
  await clerk.page.locator('.staff__submit:visible').click();
  await clerk.page.locator('[data-field=pickupCode] input').fill(code);
  await clerk.page.locator('.staff__submit:visible').click();
  expect(await textOf(clerk.page, '[data-error=fulfil]')).toBe('这份礼品已经交付过了');

  await page.reload();
  const done = page.locator(`.redemptions__item[data-status=fulfilled]`, { hasText: giftName });
  await done.waitFor();
  expect(((await done.locator('.redemptions__status').textContent()) ?? '').trim()).toBe('已领取');
  expect(await done.locator('.qr-code').count()).toBe(0);
  const mine = await api<Paginated<Redemption>>('/me/redemptions', member.token);
  expect(mine.items.find((r) => r.code === code)?.status).toBe('fulfilled');
  await screenshot(page, 'redemption-fulfilled');
});

test('a manager adjusts a member’s points only with a reason, sees it in the audit log, and keeps the rules', async () => {
  const member = await memberByApi('demo-41');
  const before = await api<PointsSummary>('/me/points/summary', member.token);
  const { code } = await member.cardCode();

  const manager = await phone();
  const { page } = manager;
  await signInAsStaff(page, 'manager', 'club-manager-2026');
  await page.locator('[data-field=cardCode] input').fill(code);
  await page.locator('.staff__submit:visible').click();
  await page.locator(`.staff__result[data-member-no="${member.me.card.memberNo}"]`).waitFor();
  await page.locator('[data-action=adjust]').click();
  await page.waitForURL(/manager\/pages\/adjust\/index/);

  await page.locator('[data-field=delta] input').fill('250');
  await page.locator('.staff__submit:visible').click();
  expect(await textOf(page, '[data-error-for=reason]')).toBe('请填写调整原因');
  await page.locator('[data-field=delta] input').fill('0');
  await page.locator('[data-field=reason] input').fill('门店开业活动补录');
  await page.locator('.staff__submit:visible').click();
  expect(await textOf(page, '[data-error-for=delta]')).toBe('请输入不为 0 的整数');
  const unchanged = await api<PointsSummary>('/me/points/summary', member.token);
  expect(unchanged.balance).toBe(before.balance);

  await page.locator('[data-field=delta] input').fill('250');
  await page.locator('.staff__submit:visible').click();
  expect(await textOf(page, '[data-notice=adjust]')).toBe(
    `已调整，当前积分 ${grouped(before.balance + 250)}`,
  );
  await screenshot(page, 'manager-adjust');
  const after = await api<PointsSummary>('/me/points/summary', member.token);
  expect(after.balance).toBe(before.balance + 250);

  await page.goto(`${baseUrl()}/#/manager/pages/audit/index`);
  const newest = page.locator('.manager__audit-item').first();
  await newest.waitFor();
  expect(await newest.getAttribute('data-action')).toBe('points.adjust');
  expect(((await newest.locator('.manager__audit-action').textContent()) ?? '').trim()).toBe('积分调整');
  await screenshot(page, 'manager-audit');

  await page.goto(`${baseUrl()}/#/manager/pages/rules/index`);
  await page.locator('.manager__tier-row[data-tier=silver] input').first().waitFor();
  expect(await page.locator('.manager__tier-row[data-tier=silver] input').first().inputValue()).toBe('3000');
  expect(await page.locator('.manager__tier-row[data-tier=gold] input').nth(1).inputValue()).toBe('1.5');
  await screenshot(page, 'manager-rules');
});
