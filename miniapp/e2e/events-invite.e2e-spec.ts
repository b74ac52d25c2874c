import type { InboxItem, Paginated } from '@vip-club/shared';
import { openPhone, screenshot, type Phone } from './support/browser';
import {
  baseUrl,
  eventSummaryByApi,
  invitableByApi,
  memberByApi,
  publishEventByApi,
  registerForEventByApi,
  staffTokenByApi,
} from './support/club-api';
import { httpJson } from './support/http';
import { DEMO_CLERK_PASSWORD, enterClub, signInAsStaff, textOf } from './support/screens';

const MANAGER = { username: 'manager', password: 'club-manager-2026' };
/**
 * The demo club gives clerk3 (second store, first clerk) members 2, 8, 14, 20, 26 … (seed-demo-club:
 * store by (n-1) % 3, clerk by floor((n-1)/3) % 2). 14, 20 and 26 are members no other browser test
 * signs in as, and the event is hand-picked to them alone, so no other test's member sees it.
 */
const CLERK = 'clerk3';
const MEMBERS = ['demo-14', 'demo-20', 'demo-26'];
const NOTE = '林小姐，这场茶会很适合您，期待与您同席。';

const phones: Phone[] = [];

/**
 * The member's inbox once it holds every notice `wanted` picks, polled for up to 10 s: the server's
 * outbox dispatcher (on in this run) delivers in the background, about a second after the sending.
 */
async function inboxOnceDelivered(
  token: string,
  wanted: ((item: InboxItem) => boolean)[],
): Promise<InboxItem[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await httpJson(`${baseUrl()}/api/v1/me/inbox?limit=50`, { token });
    expect(res.status).toBe(200);
    const items = (res.body as Paginated<InboxItem>).items;
    if (wanted.every((w) => items.some(w)) || Date.now() > deadline) return items;
    await new Promise((r) => setTimeout(r, 250));
  }
}

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});

test('a clerk invites two of her own members to a published tea party with a note, and sees each outcome', async () => {
  const managerToken = await staffTokenByApi(MANAGER.username, MANAGER.password);
  const clerkToken = await staffTokenByApi(CLERK, DEMO_CLERK_PASSWORD);
  const [first, second, registered] = await Promise.all(MEMBERS.map((id) => memberByApi(id)));
  const hour = 3_600_000;
  const title = `秋日珠宝茶会 ${String(Date.now()).slice(-6)}`;
  const event = await publishEventByApi(managerToken, {
    title,
    kind: 'gathering',
    description: '',
    venue: '上海静安店',
    startsAt: new Date(Date.now() + 72 * hour).toISOString(),
    endsAt: new Date(Date.now() + 74 * hour).toISOString(),
    capacity: 12,
    pointsCost: 0,
    guestsAllowed: 0,
    eligibility: { memberIds: [first.me.id, second.me.id, registered.me.id] },
    registration: {
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 48 * hour).toISOString(),
    },
  });
  // One of them has already taken a seat: the list shows her, but she cannot be picked.
  expect((await registerForEventByApi(registered.token, event.id)).status).toBe('confirmed');
  const before = await invitableByApi(clerkToken, event.id);
  expect(before.map((m) => m.id).sort()).toEqual([first.me.id, second.me.id, registered.me.id].sort());

  const phone = await openPhone();
  phones.push(phone);
  const { page } = phone;
  await signInAsStaff(page, CLERK, DEMO_CLERK_PASSWORD);
  await page.locator('[data-link=invite]').click();
  await page.waitForURL(/staff\/pages\/invite\/index/);

  const card = page.locator(`.invite__event[data-event-id="${event.id}"]`);
  await card.waitFor();
  expect(await card.locator('.invite__event-seats').textContent()).toBe('余 11 席');
  // The date on the club's clock (UTC+8), reckoned here without the app's formatter.
  const clubStart = new Date(Date.parse(event.startsAt) + 8 * hour).toISOString();
  expect(await card.locator('.invite__event-meta').textContent()).toBe(
    `${clubStart.slice(5, 10)} ${clubStart.slice(11, 16)} · 上海静安店`,
  );
  await card.click();

  const row = (id: string) => page.locator(`.invite__member[data-member-id="${id}"]`);
  await row(first.me.id).waitFor();
  expect(await page.locator('.invite__member').count()).toBe(3);
  expect(await textOf(page, `.invite__member[data-member-id="${registered.me.id}"] [data-tag]`)).toBe(
    '已报名',
  );
  expect(await row(registered.me.id).getAttribute('aria-disabled')).toBe('true');
  // A tap on her changes nothing (forced: the row says it is disabled, which a person can still tap).
  await row(registered.me.id).click({ force: true });
  expect(await row(registered.me.id).getAttribute('aria-checked')).toBe('false');

  await row(first.me.id).click();
  await row(second.me.id).click();
  expect(await row(first.me.id).getAttribute('aria-checked')).toBe('true');
  expect(await row(second.me.id).getAttribute('aria-checked')).toBe('true');
  // With every invitable member on the page already picked, the page-wide switch offers to clear.
  expect(await textOf(page, '[data-action=select-all]')).toBe('取消全选');
  await page.locator('[data-field=note] textarea').fill(NOTE);
  expect(await textOf(page, '[data-action=send-invitations]')).toBe('送出邀请（2 位）');
  await screenshot(page, 'events-invite-members-selected');

  // The note as it leaves the phone, in the request the page really sends; the member's inbox below
  // shows it arriving.
  const sent = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith(`/events/${event.id}/invitations`),
  );
  await page.locator('[data-action=send-invitations]').click();
  const body = (await sent).postDataJSON() as { memberIds: string[]; note?: string };
  expect({ ...body, memberIds: [...body.memberIds].sort() }).toEqual({
    memberIds: [first.me.id, second.me.id].sort(),
    note: NOTE,
  });
  const result = page.locator('[data-result=invitations]');
  await result.waitFor();
  expect(await textOf(page, '.invite__summary-head')).toBe('已送出 2 份邀请');
  for (const member of [first, second]) {
    const outcome = page.locator(`[data-result=invitations] [data-member-id="${member.me.id}"]`);
    expect(await outcome.getAttribute('data-outcome')).toBe('sent');
    // The demo members accepted no invitation template: the clerk is told her phone will not ring.
    expect(await outcome.getAttribute('data-push')).toBe('skipped');
    expect(await outcome.locator('.invite__result').textContent()).toBe('已送出 · 仅送达俱乐部消息');
  }
  await screenshot(page, 'events-invite-result');

  // The server holds both invitations: the clerk's list marks them, the manager's funnel counts them.
  const after = await invitableByApi(clerkToken, event.id);
  expect(
    after
      .filter((m) => m.isInvited)
      .map((m) => m.id)
      .sort(),
  ).toEqual([first.me.id, second.me.id].sort());
  const summary = await eventSummaryByApi(managerToken, event.id);
  expect(summary.invitations.clerks.map((c) => ({ invited: c.invited, registered: c.registered }))).toEqual([
    { invited: 2, registered: 0 },
  ]);

  // The member's inbox: the club's invitation from the publish fan-out, and the clerk's personal one
  // in her name with her note, both delivered by the server's own background loops.
  const clerkName = summary.invitations.clerks[0].clerk.name;
  expect(clerkName).not.toBe('');
  const ofThisEvent = (kind: string) => (item: InboxItem) =>
    item.kind === kind && item.data?.eventId === event.id;
  const inbox = await inboxOnceDelivered(first.token, [
    ofThisEvent('event_invitation'),
    ofThisEvent('event_personal_invitation'),
  ]);
  expect(inbox.filter(ofThisEvent('event_invitation'))).toHaveLength(1);
  const personal = inbox.filter(ofThisEvent('event_personal_invitation'));
  expect(personal).toHaveLength(1);
  expect(personal[0]).toMatchObject({
    title: `${clerkName}诚邀您出席`,
    data: { eventId: event.id, clerkName, note: NOTE },
  });
  expect(personal[0].body).toContain(`“${NOTE}”`);
  expect(personal[0].body).toContain(`您的专属顾问${clerkName}诚邀您出席「${title}」`);
  // The member who already had a seat has only the club's invitation: the clerk could not pick her.
  const registeredInbox = await inboxOnceDelivered(registered.token, [ofThisEvent('event_invitation')]);
  expect(registeredInbox.filter(ofThisEvent('event_invitation'))).toHaveLength(1);
  expect(registeredInbox.filter(ofThisEvent('event_personal_invitation'))).toEqual([]);

  // On the member's own phone, the inbox shows the clerk's invitation with her note.
  const memberPhone = await openPhone();
  phones.push(memberPhone);
  await enterClub(memberPhone.page, `${baseUrl()}/?as=${MEMBERS[0]}`);
  await memberPhone.page.waitForURL(/pages\/home\/index/);
  await memberPhone.page.locator('[data-link=inbox]').click();
  await memberPhone.page.waitForURL(/pages\/inbox\/index/);
  const notice = `[data-notice="${personal[0].id}"]`;
  expect(await textOf(memberPhone.page, `${notice} .inbox__title`)).toBe(`${clerkName}诚邀您出席`);
  expect(await textOf(memberPhone.page, `${notice} .inbox__body`)).toBe(personal[0].body);
  await screenshot(memberPhone.page, 'events-invite-member-inbox');

  // Back to the list: the two now carry "已邀请" and cannot be picked twice.
  await page.locator('[data-action=invite-more]').click();
  expect(await textOf(page, `.invite__member[data-member-id="${first.me.id}"] [data-tag]`)).toBe('已邀请');
  expect(await row(second.me.id).getAttribute('aria-disabled')).toBe('true');
  expect(await textOf(page, '[data-action=send-invitations]')).toBe('请选择要邀请的会员');
});
