import type {
  BirthdayGiftSettings,
  ClerkActivityReport,
  GreetingTemplates,
  JoinResponse,
  Paginated,
  Reward,
  Staff,
  Store,
} from '@vip-club/shared';
import type { Page } from 'playwright-core';
import { screenshot, type Phone } from './support/browser';
import { baseUrl, call, joinByApi, staffTokenByApi } from './support/club-api';
import { httpJson } from './support/http';
import { pickStore, staffPhone, textOf } from './support/screens';

// No demo member or demo clerk is used here: the boutique, its clerks and their members are made
// through the API below, so the handover and the deactivation touch nobody another test relies on.
const MANAGER = { username: 'manager', password: 'club-manager-2026' };
const CLERK_PASSWORD = 'pearl-and-jade-26';

const suffix = String(Date.now()).slice(-6);

interface Team {
  store: Store;
  otherStore: Store;
  leaving: Staff;
  others: Staff[];
  memberNames: string[];
  greeted: JoinResponse;
}
let team: Team;

/** A newcomer joins at `storeId`, welcoming club messages (sandbox ids mgr-rel-*, phones 139…). */
const join = (n: number, name: string, storeId: string): Promise<JoinResponse> =>
  joinByApi(`mgr-rel-${suffix}-${n}`, `139${suffix}${String(n).padStart(2, '0')}`, name, storeId, {
    marketing: true,
  });

beforeAll(async () => {
  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const store = await call<Store>('/stores', {
    method: 'POST',
    token,
    body: { name: `南京德基店 ${suffix}`, city: '南京', address: '玄武区中山路 18 号' },
  });
  const otherStore = await call<Store>('/stores', {
    method: 'POST',
    token,
    body: { name: `苏州中心店 ${suffix}`, city: '苏州', address: '工业园区苏绣路 58 号' },
  });
  const clerk = (name: string, username: string) =>
    call<Staff>('/staff', {
      method: 'POST',
      token,
      body: {
        name,
        username: `${username}_${suffix}`,
        password: CLERK_PASSWORD,
        role: 'clerk',
        storeId: store.id,
      },
    });
  // The leaving clerk is the boutique's only one while the members join, so all three are hers.
  const leaving = await clerk('柳岚', 'liulan');
  const memberNames = ['周晓雯', '陈若溪', '许静'];
  const members: JoinResponse[] = [];
  for (const [i, name] of memberNames.entries()) members.push(await join(i + 1, name, store.id));
  expect(members.map((m) => m.clerkId)).toEqual([leaving.id, leaving.id, leaving.id]);
  const others = [await clerk('苏湄', 'sumei'), await clerk('顾青', 'guqing')];

  // The leaving clerk greets one member, who buys a week's worth of thought later (here: a moment later).
  const clerkToken = await staffTokenByApi(leaving.username, CLERK_PASSWORD);
  await call('/greetings', {
    method: 'POST',
    token: clerkToken,
    headers: { 'Idempotency-Key': `mgr-rel-${suffix}-greeting` },
    body: {
      memberId: members[0].id,
      text: '周小姐，新到的珍珠耳饰很衬您，周末来店里试戴吧。',
      channels: ['inbox'],
    },
  });
  await new Promise((r) => setTimeout(r, 1_100));
  await call('/purchases', {
    method: 'POST',
    token: clerkToken,
    body: {
      storeId: store.id,
      orderNo: `MR${suffix}01`,
      amount: 128_800,
      occurredAt: new Date().toISOString(),
      memberId: members[0].id,
    },
  });
  team = { store, otherStore, leaving, others, memberNames, greeted: members[0] };
});

let phones: Phone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
});

const managerPhone = (): Promise<Page> => staffPhone(phones, MANAGER.username, MANAGER.password);

test('a manager writes a greeting template, sees it filled for a sample member, and it is kept', async () => {
  const page = await managerPhone();
  await page.locator('[data-link=manager-staff]').waitFor();
  // The manager's tools sit under the lookup screen, the relationships ones in a row of their own.
  expect(await page.locator('[data-link^=manager-]:visible').allTextContents()).toEqual(
    expect.arrayContaining(['问候模板 ›', '生日礼遇 ›', '店员维系 ›', '店员管理 ›']),
  );
  await screenshot(page, 'manager-tools');
  await page.locator('[data-link=manager-greetings]').click();
  await page.waitForURL(/manager\/pages\/greeting-templates\/index/);
  await page.locator('[data-template]').first().or(page.getByText('还没有模板')).first().waitFor();

  // Saving with nothing written says what is missing, by the field.
  await page.locator('[data-action=save-template]').click();
  expect(await textOf(page, '[data-error-for=templateName]')).toBe('请为模板取一个名字（40 字以内）');
  expect(await textOf(page, '[data-error-for=templateText]')).toBe('请写下问候内容（500 字以内）');

  const name = `生日前一周 ${suffix}`;
  await page.locator('[data-field=templateName] input').fill(name);
  // The name's message goes with the edit; the message's stays until it is written.
  await page.locator('[data-error-for=templateName]').waitFor({ state: 'detached' });
  expect(await textOf(page, '[data-error-for=templateText]')).toBe('请写下问候内容（500 字以内）');
  await page.locator('[data-field=templateText] textarea').fill('亲爱的');
  await page.locator('[data-insert=name]').click();
  await page.locator('[data-field=templateText] textarea').press('End');
  await page.locator('[data-field=templateText] textarea').type('，');
  await page.locator('[data-insert=tier]').click();
  expect(await page.locator('[data-field=templateText] textarea').inputValue()).toBe('亲爱的{name}，{tier}');
  await page
    .locator('[data-field=templateText] textarea')
    .fill(
      '亲爱的{name}，您的生日{birthday}将至，作为{tier}，诚邀您到店小坐。上次{lastPurchase}选购的首饰，也可一并带来清洗。',
    );
  // The sample member is 林女士, gold, born 20 May, last bought 12 September 2026.
  expect(await textOf(page, '[data-preview] .greetings__preview-text')).toBe(
    '亲爱的林女士，您的生日5月20日将至，作为金卡会员，诚邀您到店小坐。上次2026年9月12日选购的首饰，也可一并带来清洗。',
  );
  await page.locator('[data-field=templatePurpose] [data-value=service]').click();
  expect(await textOf(page, '[data-field=templatePurpose] .field__hint')).toBe(
    '致谢、取件等服务消息，不受 3 天限制',
  );
  await page.locator('[data-field=templatePurpose] [data-value=marketing]').click();
  await screenshot(page, 'manager-greeting-template-preview');

  await page.locator('[data-action=save-template]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe('模板已保存，店员即可选用');
  const saved = page.locator(`[data-template="${name}"]`);
  expect(await textOf(page, `[data-template="${name}"] .staff__badge`)).toBe('关怀问候');
  expect((await saved.locator('.greetings__filled').textContent())?.trim()).toBe(
    '亲爱的林女士，您的生日5月20日将至，作为金卡会员，诚邀您到店小坐。上次2026年9月12日选购的首饰，也可一并带来清洗。',
  );
  await screenshot(page, 'manager-greeting-templates');

  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const kept = (await call<GreetingTemplates>('/greeting-templates', { token })).items.find(
    (x) => x.name === name,
  );
  expect(kept).toEqual(
    expect.objectContaining({
      purpose: 'marketing',
      text: '亲爱的{name}，您的生日{birthday}将至，作为{tier}，诚邀您到店小坐。上次{lastPurchase}选购的首饰，也可一并带来清洗。',
    }),
  );
});

test('a manager gives the diamond tier a birthday voucher, after being told what is missing', async () => {
  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const voucherName = `生日下午茶券 ${suffix}`;
  const voucher = await call<Reward>('/rewards', {
    token,
    method: 'POST',
    body: {
      name: voucherName,
      description: '生日当月到店，与挚友共享一席下午茶',
      kind: 'voucher',
      pointsCost: 1,
      stock: 50,
      perMemberLimit: 1,
      tiers: [],
      availableFrom: new Date(Date.now() - 86_400_000).toISOString(),
      availableTo: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      imageUrl: null,
    },
  });

  const page = await managerPhone();
  await page.locator('[data-link=manager-gifts]').click();
  await page.waitForURL(/manager\/pages\/birthday-gifts\/index/);
  const diamond = page.locator('[data-tier=diamond]');
  await diamond.waitFor();

  // A voucher with none chosen, and a guard of a year and more, are each explained where they are.
  await diamond.locator('[data-field=diamond-kind] [data-value=reward]').click();
  await page.locator('[data-field=guardDays] input').fill('400');
  await page.locator('[data-action=save-gifts]').click();
  expect(await textOf(page, '[data-error-for=diamond-kind]')).toBe('请选择一份礼券');
  expect(await textOf(page, '[data-error-for=guardDays]')).toBe('请填写 0 至 366 之间的天数');
  await screenshot(page, 'manager-birthday-gifts-errors');

  await diamond.locator(`[data-field=diamond-reward] [data-value="${voucher.id}"]`).click();
  await page.locator('[data-field=guardDays] input').fill('45');
  await page.locator('[data-action=save-gifts]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe('已保存，今年已送出的礼遇不受影响');
  expect(await page.locator('[data-error-for=diamond-kind]').count()).toBe(0);
  expect(await textOf(page, '[data-tier=diamond] [data-current]')).toBe(voucherName);
  await screenshot(page, 'manager-birthday-gifts');

  const settings = await call<BirthdayGiftSettings>('/birthday-gifts', { token });
  expect(settings.gifts.diamond).toEqual({ kind: 'reward', rewardId: voucher.id });
  expect(settings.guardDays).toBe(45);

  // Read back on a fresh visit: the page shows what is kept, not what was typed.
  await page.reload();
  await page.locator('[data-tier=diamond] [data-current]').waitFor();
  expect(await textOf(page, '[data-tier=diamond] [data-current]')).toBe(voucherName);
  expect(await page.locator('[data-field=guardDays] input').inputValue()).toBe('45');
});

test('a manager reads clerk activity: a greeting followed by a purchase, as a rate and as money', async () => {
  const page = await managerPhone();
  await page.locator('[data-link=manager-activity]').click();
  await page.waitForURL(/manager\/pages\/clerk-activity\/index/);

  // Only this boutique's clerks once it is chosen.
  await pickStore(page, 'store', team.store.id, team.store.name);
  expect(await textOf(page, '[data-field=store] [data-action=pick-store]')).toBe(`${team.store.name}▾`);
  const row = page.locator(`[data-clerk="${team.leaving.name}"]`);
  await page.waitForFunction(() => document.querySelectorAll('[data-clerk]').length === 3);
  expect(
    (
      await page.locator('[data-clerk]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-clerk')))
    ).sort(),
  ).toEqual(['柳岚', '苏湄', '顾青'].sort());
  expect(await row.locator('.manager__list-meta').textContent()).toBe(`${team.store.name} · 名下 3 位会员`);
  expect(await row.locator('[data-figure=contacts] .activity__value').textContent()).toBe('1');
  expect(await row.locator('[data-figure=reached] .activity__value').textContent()).toBe('1');
  expect(await row.locator('[data-figure=visit] .activity__value').textContent()).toBe('100%');
  expect(await row.locator('[data-figure=purchase] .activity__value').textContent()).toBe('100%');
  expect(await row.locator('[data-figure=spend]').textContent()).toBe('带动消费¥1,288');
  // The default period is the last 30 days, ending today in the club's calendar.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  expect(await textOf(page, '[data-range]')).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} 至 ${today}$`));
  await screenshot(page, 'manager-clerk-activity');

  // Last month holds nothing of hers: the greeting is today's.
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastMonthEnd = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  await page.locator('[data-field=period] [data-value=lastMonth]').click();
  await page.getByText(`${lastMonthEnd.slice(0, 8)}01 至 ${lastMonthEnd}`).waitFor();
  expect(await row.locator('[data-figure=contacts] .activity__value').textContent()).toBe('0');
  expect(await row.locator('[data-figure=purchase] .activity__value').textContent()).toBe('—');
  expect(await row.locator('[data-figure=spend]').textContent()).toBe('带动消费¥0');
  await page.locator('[data-field=period] [data-value=thisMonth]').click();
  await page.getByText(`${today.slice(0, 8)}01 至 ${today}`).waitFor();
  expect(await textOf(page, '[data-range]')).toBe(`${today.slice(0, 8)}01 至 ${today}`);
  expect(await row.locator('[data-figure=contacts] .activity__value').textContent()).toBe('1');

  await row.click();
  const contact = page.locator(`[data-contact="${team.greeted.memberNo}"]`);
  await contact.waitFor();
  expect(await textOf(page, '.title:visible')).toBe(`${team.leaving.name} 的联络`);
  expect(await contact.locator('.manager__list-name').textContent()).toBe('周晓雯');
  expect(await contact.locator('.activity__text').textContent()).toBe(
    '周小姐，新到的珍珠耳饰很衬您，周末来店里试戴吧。',
  );
  expect(await contact.locator('[data-followed]').getAttribute('data-followed')).toBe('purchase');
  expect(await contact.locator('[data-followed]').textContent()).toBe(`${today} 购物 ¥1,288`);
  await screenshot(page, 'manager-clerk-contacts');
});

test('a manager deactivates a clerk who still has members: led into the handover, they are spread, then she is deactivated', async () => {
  const page = await managerPhone();
  await page.locator('[data-link=manager-staff]').click();
  await page.waitForURL(/manager\/pages\/staff\/index/);
  await pickStore(page, 'store-filter', team.store.id, team.store.name);

  const card = page.locator(`[data-staff="${team.leaving.username}"]`);
  await card.waitFor();
  expect(await card.locator('[data-state]').textContent()).toBe('在职');
  expect(await card.locator('[data-members]').textContent()).toBe('店员 · 3 位会员');
  await screenshot(page, 'manager-staff');

  await card.locator('[data-action=deactivate]').click();
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    '停用后「柳岚」将无法登录，联络记录仍留在会员名下。',
  );
  await card.locator('[data-action=confirm]').click();
  // The server refuses while she has members; the page says how many and offers the way through.
  expect(await textOf(page, '[data-panel=blocked] .staffmgr__sentence')).toBe(
    '「柳岚」名下还有 3 位会员，请先交给其他店员',
  );
  await screenshot(page, 'manager-staff-has-members');
  await card.locator('[data-action=to-handover]').click();
  expect(await textOf(page, '[data-panel=handover] .staffmgr__sentence')).toBe('移交「柳岚」的 3 位会员');

  // Nobody chosen yet: the page asks for a clerk rather than sending an empty handover.
  await card.locator('[data-action=review]').click();
  expect(await textOf(page, '.banner-error:visible')).toBe('请选择接手的店员');
  for (const other of team.others) {
    await card.locator(`[data-field=handover-to] [data-value="${other.id}"]`).click();
  }
  await card.locator('[data-action=review]').click();
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    '将 3 位会员平均分给 苏湄、顾青（每位约 2 位），会员会收到新顾问的介绍。',
  );
  await screenshot(page, 'manager-staff-handover-confirm');
  await card.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe('已将 3 位会员交给新的顾问');

  // Back at the deactivation, which now goes through.
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    '停用后「柳岚」将无法登录，联络记录仍留在会员名下。',
  );
  await card.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe('「柳岚」已停用');
  expect(await card.locator('[data-state]').textContent()).toBe('已停用');
  expect(await card.locator('[data-members]').textContent()).toBe('店员 · 0 位会员');
  expect(await page.locator(`[data-staff="${team.others[0].username}"] [data-members]`).textContent()).toBe(
    '店员 · 2 位会员',
  );
  expect(await page.locator(`[data-staff="${team.others[1].username}"] [data-members]`).textContent()).toBe(
    '店员 · 1 位会员',
  );
  await screenshot(page, 'manager-staff-deactivated');

  // Moving 苏湄 to another boutique: refused for her 2 members, who all go to 顾青, then she moves.
  const moving = page.locator(`[data-staff="${team.others[0].username}"]`);
  await moving.locator('[data-action=move]').click();
  await pickStore(page, 'move-to', team.otherStore.id, team.otherStore.name);
  await moving.locator('[data-action=review]').click();
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    `「苏湄」将调往${team.otherStore.name}。`,
  );
  await moving.locator('[data-action=confirm]').click();
  expect(await textOf(page, '[data-panel=blocked] .staffmgr__sentence')).toBe(
    '「苏湄」名下还有 2 位会员，请先交给其他店员',
  );
  await moving.locator('[data-action=to-handover]').click();
  await moving.locator('[data-field=handover-mode] [data-value=one]').click();
  await moving.locator(`[data-field=handover-to] [data-value="${team.others[1].id}"]`).click();
  await moving.locator('[data-action=review]').click();
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    '将 2 位会员交给 顾青，会员会收到新顾问的介绍。',
  );
  await moving.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe('已将 2 位会员交给新的顾问');
  expect(await textOf(page, '[data-confirm] .staffmgr__sentence')).toBe(
    `「苏湄」将调往${team.otherStore.name}。`,
  );
  await moving.locator('[data-action=confirm]').click();
  expect(await textOf(page, '.staff__ok:visible')).toBe(`「苏湄」已调往${team.otherStore.name}`);
  // The filter still shows this boutique: she has left it for the other one.
  await page.locator(`[data-staff="${team.others[0].username}"]`).waitFor({ state: 'detached' });
  expect(await page.locator(`[data-staff="${team.others[1].username}"] [data-members]`).textContent()).toBe(
    '店员 · 3 位会员',
  );

  const token = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const staff = await call<Paginated<Staff>>(`/staff?storeId=${team.store.id}&limit=100`, { token });
  expect(staff.items.find((s) => s.id === team.leaving.id)?.active).toBe(false);
  const activity = await call<ClerkActivityReport>(`/staff/activity?storeId=${team.store.id}`, { token });
  expect(Object.fromEntries(activity.items.map((a) => [a.name, a.members]))).toEqual({ 柳岚: 0, 顾青: 3 });
  const moved = await call<Paginated<Staff>>(`/staff?storeId=${team.otherStore.id}&limit=100`, { token });
  expect(moved.items.map((s) => s.name)).toEqual(['苏湄']);
  // She can no longer sign in.
  const login = await httpJson(`${baseUrl()}/api/v1/auth/staff`, {
    method: 'POST',
    body: { username: team.leaving.username, password: CLERK_PASSWORD },
  });
  expect(login.status).toBe(401);
});
