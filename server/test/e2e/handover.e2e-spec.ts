import type { InboxItem, Paginated } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { OutboxService } from '../../src/modules/outbox/outbox.service';
import {
  API,
  bearer,
  createClerk,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  uniquePhone,
  type JoinedMember,
  type StoreAndClerk,
} from '../factories/club.factory';
import { deactivateStaffWhile } from '../factories/staff-locks';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('clerk handover', () => {
  let club: TestApp;
  let ds: DataSource;
  let managerToken: string;
  let shop: StoreAndClerk;

  /** Members whose own clerk is `clerkId`, as a clerk's book of members is after joining in their store. */
  async function membersOf(clerkId: string, n: number): Promise<JoinedMember[]> {
    const out: JoinedMember[] = [];
    for (let i = 0; i < n; i++)
      out.push(await joinMember(club.request, { phoneCode: `sandbox:${uniquePhone()}` }));
    await ds.query(`UPDATE members SET clerk_id = ? WHERE id IN (${out.map(() => '?').join(',')})`, [
      clerkId,
      ...out.map((m) => m.id),
    ]);
    return out;
  }
  const clerkOf = async (memberId: string): Promise<string> =>
    String((await ds.query('SELECT clerk_id FROM members WHERE id = ?', [memberId]))[0].clerk_id);
  const handover = (fromId: string, body: unknown, token = managerToken) =>
    club.request
      .post(`${API}/staff/${fromId}/handover`)
      .set(bearer(token))
      .send(body as object);

  beforeAll(async () => {
    club = await startTestApp();
    ds = club.app.get(DataSource);
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  it('spreads 7 members round-robin over two clerks (4 + 3) and tells each member their new clerk', async () => {
    const leaving = await createClerk(club.request, managerToken, shop.store.id);
    const a = await createClerk(club.request, managerToken, shop.store.id);
    const b = await createClerk(club.request, managerToken, shop.store.id);
    const members = await membersOf(leaving.id, 7);

    const res = await handover(leaving.id, { mode: 'spread', toStaffIds: [a.id, b.id] }).expect(200);
    expect(res.body).toEqual({
      moved: 7,
      byClerk: [
        { staffId: a.id, count: 4 },
        { staffId: b.id, count: 3 },
      ],
    });
    const sorted = [...members].sort((x, y) => (BigInt(x.id) < BigInt(y.id) ? -1 : 1));
    for (const [i, m] of sorted.entries()) expect(await clerkOf(m.id)).toBe(i % 2 === 0 ? a.id : b.id);

    const audit = await ds.query('SELECT from_staff_id, moved FROM clerk_handovers ORDER BY id DESC LIMIT 1');
    expect({ from: String(audit[0].from_staff_id), moved: Number(audit[0].moved) }).toEqual({
      from: leaving.id,
      moved: 7,
    });

    await club.app.get(OutboxService).dispatchAll();
    const inbox = await club.request.get(`${API}/me/inbox`).set(bearer(sorted[1]!.accessToken)).expect(200);
    const notice = (inbox.body as Paginated<InboxItem>).items.find((n) => n.kind === 'clerk_changed');
    expect(notice?.body).toContain('王店员');
    expect(notice?.data).toEqual({ staffId: b.id, name: '王店员' });

    // A second handover of the now empty clerk moves nothing.
    expect((await handover(leaving.id, { mode: 'one', toStaffId: a.id }).expect(200)).body).toEqual({
      moved: 0,
      byClerk: [{ staffId: a.id, count: 0 }],
    });
  });

  it('hands every member to one clerk', async () => {
    const leaving = await createClerk(club.request, managerToken, shop.store.id);
    const members = await membersOf(leaving.id, 3);
    const res = await handover(leaving.id, { mode: 'one', toStaffId: shop.clerk.id }).expect(200);
    expect(res.body).toEqual({ moved: 3, byClerk: [{ staffId: shop.clerk.id, count: 3 }] });
    for (const m of members) expect(await clerkOf(m.id)).toBe(shop.clerk.id);
  });

  it('refuses an inactive target, a non-clerk source, a bad body and a clerk caller', async () => {
    const leaving = await createClerk(club.request, managerToken, shop.store.id);
    const gone = await createClerk(club.request, managerToken, shop.store.id);
    const members = await membersOf(leaving.id, 2);
    await ds.query('UPDATE staff SET active = 0 WHERE id = ?', [gone.id]);

    const inactive = await handover(leaving.id, {
      mode: 'spread',
      toStaffIds: [shop.clerk.id, gone.id],
    }).expect(400);
    expect(fieldsOf(inactive.body)).toContain('toStaffIds');
    for (const m of members) expect(await clerkOf(m.id)).toBe(leaving.id);

    const bad = await handover(leaving.id, { mode: 'one' }).expect(400);
    expect(fieldsOf(bad.body)).toContain('toStaffId');
    await handover('999999999', { mode: 'one', toStaffId: shop.clerk.id }).expect(404);
    const managerId = String((await ds.query("SELECT id FROM staff WHERE role = 'manager' LIMIT 1"))[0].id);
    await handover(managerId, { mode: 'one', toStaffId: shop.clerk.id }).expect(409);
    await handover(leaving.id, { mode: 'one', toStaffId: shop.clerk.id }, shop.clerkToken).expect(403);
  });

  it('hands nobody to a clerk whose deactivation commits while the handover waits', async () => {
    const leaving = await createClerk(club.request, managerToken, shop.store.id);
    const receiving = await createClerk(club.request, managerToken, shop.store.id);
    const members = await membersOf(leaving.id, 2);
    // Holds the receiving clerk's row as PATCH /staff/{id} does, then deactivates and commits.
    const res = await deactivateStaffWhile(ds, receiving.id, () =>
      handover(leaving.id, { mode: 'one', toStaffId: receiving.id }),
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain('toStaffId');
    for (const m of members) expect(await clerkOf(m.id)).toBe(leaving.id);
  });
});
