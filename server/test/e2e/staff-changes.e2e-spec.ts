import type { AuditLogEntry, Staff } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  CLERK_PASSWORD,
  createClerk,
  createStore,
  createStoreAndClerk,
  fieldsOf,
  joinMember,
  loginManager,
  loginStaff,
  unique,
  uniquePhone,
  type StoreAndClerk,
} from '../factories/club.factory';
import { deactivateStaffWhile } from '../factories/staff-locks';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('PATCH /staff/{id} and GET /staff', () => {
  let club: TestApp;
  let managerToken: string;
  let managerId: string;
  let shop: StoreAndClerk;

  const patch = (id: string, body: unknown, token = managerToken) =>
    club.request
      .patch(`${API}/staff/${id}`)
      .set(bearer(token))
      .send(body as object);
  const staffById = async (id: string): Promise<Staff> => {
    const res = await club.request.get(`${API}/staff?limit=100`).set(bearer(managerToken)).expect(200);
    return (res.body.items as Staff[]).find((s) => s.id === id)!;
  };
  const auditOf = async (id: string): Promise<AuditLogEntry[]> => {
    const res = await club.request
      .get(`${API}/audit-log?entity=staff&limit=100`)
      .set(bearer(managerToken))
      .expect(200);
    return (res.body.items as AuditLogEntry[]).filter((e) => e.entityId === id);
  };
  const giveMember = async (clerkId: string): Promise<string> => {
    const member = await joinMember(club.request);
    await club.request
      .put(`${API}/members/${member.id}/clerk`)
      .set(bearer(managerToken))
      .send({ clerkId })
      .expect(200);
    return member.id;
  };

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    const login = await loginManager(club.request);
    managerToken = login.accessToken;
    managerId = login.staff.id;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  it('creates staff with a phone and lists active and phone, filtered by store', async () => {
    const phone = uniquePhone();
    const username = unique('zhou');
    const created = await club.request
      .post(`${API}/staff`)
      .set(bearer(managerToken))
      .send({
        username,
        password: CLERK_PASSWORD,
        name: '周顾问',
        role: 'clerk',
        storeId: shop.store.id,
        phone,
      })
      .expect(201);
    expect(created.body).toMatchObject({ name: '周顾问', phone, active: true, isActive: true });

    await giveMember(created.body.id);
    const other = await createStoreAndClerk(club.request, managerToken);
    const list = await club.request
      .get(`${API}/staff?storeId=${shop.store.id}&limit=100`)
      .set(bearer(managerToken))
      .expect(200);
    const ids = (list.body.items as Staff[]).map((s) => s.id);
    expect(ids).toEqual([shop.clerk.id, created.body.id]);
    expect(ids).not.toContain(other.clerk.id);
    expect(list.body.items[0]).toMatchObject({ phone: null, active: true });
    // Each with how many members have them as their clerk.
    expect(list.body.items[1]).toMatchObject({ id: created.body.id, members: 1 });

    const bad = await club.request.get(`${API}/staff?storeId=abc`).set(bearer(managerToken)).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['storeId']);
  });

  it('changes each field, audits it without the password, and a new password logs in', async () => {
    const clerk = await createClerk(club.request, managerToken, shop.store.id);
    const newStore = await createStore(club.request, managerToken);
    const phone = uniquePhone();

    expect((await patch(clerk.id, { name: '王雅琴' }).expect(200)).body).toMatchObject({
      id: clerk.id,
      name: '王雅琴',
    });
    expect((await patch(clerk.id, { phone }).expect(200)).body.phone).toBe(phone);
    expect((await patch(clerk.id, { phone: null }).expect(200)).body.phone).toBeNull();
    expect((await patch(clerk.id, { storeId: newStore.id }).expect(200)).body.storeId).toBe(newStore.id);
    await patch(clerk.id, { password: 'a-new-passw0rd!' }).expect(200);
    await club.request
      .post(`${API}/auth/staff`)
      .send({ username: clerk.username, password: CLERK_PASSWORD })
      .expect(401);
    const login = await loginStaff(club.request, clerk.username, 'a-new-passw0rd!');
    expect(login.staff).toEqual({ id: clerk.id, role: 'clerk', storeId: newStore.id });
    expect((await patch(clerk.id, { active: false }).expect(200)).body).toMatchObject({
      active: false,
      isActive: false,
    });
    expect((await patch(clerk.id, { active: true }).expect(200)).body.active).toBe(true);

    expect(await staffById(clerk.id)).toMatchObject({
      name: '王雅琴',
      phone: null,
      storeId: newStore.id,
      active: true,
    });

    const audit = await auditOf(clerk.id);
    expect(audit.map((e) => [e.action, e.actor, e.before, e.after]).reverse()).toEqual([
      ['staff.update', `staff:${managerId}`, { name: '王店员' }, { name: '王雅琴' }],
      [
        'staff.update',
        `staff:${managerId}`,
        { phone: null },
        { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
      ],
      [
        'staff.update',
        `staff:${managerId}`,
        { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
        { phone: null },
      ],
      ['staff.update', `staff:${managerId}`, { storeId: shop.store.id }, { storeId: newStore.id }],
      ['staff.update', `staff:${managerId}`, {}, { passwordChanged: true }],
      ['staff.update', `staff:${managerId}`, { active: true }, { active: false }],
      ['staff.update', `staff:${managerId}`, { active: false }, { active: true }],
    ]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('a-new-passw0rd');
    expect(text).not.toContain('argon2');
    expect(text).not.toContain(phone);
  });

  it('refuses to deactivate or move a clerk who still has members (409 CLERK_HAS_MEMBERS), then allows it after the handover', async () => {
    const leaving = await createClerk(club.request, managerToken, shop.store.id);
    const taker = await createClerk(club.request, managerToken, shop.store.id);
    const elsewhere = await createStore(club.request, managerToken);
    await giveMember(leaving.id);
    await giveMember(leaving.id);

    const off = await patch(leaving.id, { active: false }).expect(409);
    expect(off.body.error).toMatchObject({ code: 'CLERK_HAS_MEMBERS', details: { members: 2 } });
    const move = await patch(leaving.id, { storeId: elsewhere.id }).expect(409);
    expect(move.body.error).toMatchObject({ code: 'CLERK_HAS_MEMBERS', details: { members: 2 } });
    // Refused as a whole: the name sent along is not changed either.
    await patch(leaving.id, { name: '新名字', active: false }).expect(409);
    expect(await staffById(leaving.id)).toMatchObject({
      name: '王店员',
      active: true,
      storeId: shop.store.id,
    });

    await club.request
      .post(`${API}/staff/${leaving.id}/handover`)
      .set(bearer(managerToken))
      .send({ mode: 'one', toStaffId: taker.id })
      .expect(200);
    await patch(leaving.id, { storeId: elsewhere.id }).expect(200);
    expect((await patch(leaving.id, { active: false }).expect(200)).body).toMatchObject({ active: false });
  });

  /**
   * Holds the clerk's row as PATCH /staff/{id} does while `assign` runs, until it answers or waits on a
   * lock, then deactivates the clerk and commits: `assign` must not leave a member with that clerk.
   */
  async function deactivateWhile<T extends { status: number }>(
    clerkId: string,
    assign: () => Promise<T>,
  ): Promise<T> {
    const ds = club.app.get(DataSource);
    const res = await deactivateStaffWhile(ds, clerkId, assign);
    const [held] = await ds.query('SELECT COUNT(*) AS n FROM members WHERE clerk_id = ?', [clerkId]);
    expect(Number(held.n)).toBe(0);
    return res;
  }

  it('does not give a member to a clerk whose deactivation commits while the assignment waits', async () => {
    const clerk = await createClerk(club.request, managerToken, shop.store.id);
    const member = await joinMember(club.request);
    const res = await deactivateWhile(clerk.id, () =>
      club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: clerk.id })
        .then((r) => r),
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'clerkId' } });
  });

  it('passes over a store’s only clerk deactivated while a member joins there: she joins with no clerk', async () => {
    const lone = await createStoreAndClerk(club.request, managerToken);
    const joined = await deactivateWhile(lone.clerk.id, () =>
      joinMember(club.request, { storeId: lone.store.id }).then((m) => ({ ...m, status: 201 })),
    );
    expect(joined.status).toBe(201);
  });

  it('stops a deactivated clerk at once: the access token is refused, refresh and login too', async () => {
    const clerk = await createClerk(club.request, managerToken, shop.store.id);
    const login = await loginStaff(club.request, clerk.username, CLERK_PASSWORD);
    await club.request.get(`${API}/staff/worklist`).set(bearer(login.accessToken)).expect(200);

    await patch(clerk.id, { active: false }).expect(200);
    const refused = await club.request
      .get(`${API}/staff/worklist`)
      .set(bearer(login.accessToken))
      .expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    await club.request.post(`${API}/auth/refresh`).send({ refreshToken: login.refreshToken }).expect(401);
    await club.request
      .post(`${API}/auth/staff`)
      .send({ username: clerk.username, password: CLERK_PASSWORD })
      .expect(401);

    await patch(clerk.id, { active: true }).expect(200);
    // Back in, but only through a new login: the old session's refresh token stays revoked.
    await club.request.post(`${API}/auth/refresh`).send({ refreshToken: login.refreshToken }).expect(401);
    const again = await loginStaff(club.request, clerk.username, CLERK_PASSWORD);
    await club.request.get(`${API}/staff/worklist`).set(bearer(again.accessToken)).expect(200);
  });

  it('asks a moved clerk to refresh (401 TOKEN_EXPIRED), and the refreshed token names the new store', async () => {
    const clerk = await createClerk(club.request, managerToken, shop.store.id);
    const login = await loginStaff(club.request, clerk.username, CLERK_PASSWORD);
    const newStore = await createStore(club.request, managerToken);
    await patch(clerk.id, { storeId: newStore.id }).expect(200);

    const stale = await club.request.get(`${API}/staff/worklist`).set(bearer(login.accessToken)).expect(401);
    expect(stale.body.error.code).toBe('TOKEN_EXPIRED');
    const fresh = await club.request
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: login.refreshToken })
      .expect(200);
    await club.request.get(`${API}/staff/worklist`).set(bearer(fresh.body.accessToken)).expect(200);
  });

  it('makes a store manager chain-wide again with storeId null, audited; a clerk stays in a store (400)', async () => {
    const username = unique('lin');
    const created = await club.request
      .post(`${API}/staff`)
      .set(bearer(managerToken))
      .send({ username, password: CLERK_PASSWORD, name: '林经理', role: 'manager', storeId: shop.store.id })
      .expect(201);
    const id = created.body.id as string;
    const login = await loginStaff(club.request, username, CLERK_PASSWORD);
    expect(login.staff.storeId).toBe(shop.store.id);

    const res = await patch(id, { storeId: null }).expect(200);
    expect(res.body).toMatchObject({ id, role: 'manager', storeId: null });
    expect((await staffById(id)).storeId).toBeNull();
    const [entry] = await auditOf(id);
    expect([entry?.action, entry?.before, entry?.after]).toEqual([
      'staff.update',
      { storeId: shop.store.id },
      { storeId: null },
    ]);
    // Her token still names the store: refreshed, it names none.
    const stale = await club.request.get(`${API}/staff`).set(bearer(login.accessToken)).expect(401);
    expect(stale.body.error.code).toBe('TOKEN_EXPIRED');
    const fresh = await club.request
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: login.refreshToken })
      .expect(200);
    const claims = JSON.parse(Buffer.from(fresh.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: id, role: 'manager' });
    expect(claims.storeId).toBeUndefined();
    await club.request.get(`${API}/staff`).set(bearer(fresh.body.accessToken)).expect(200);

    const auditedBefore = (await auditOf(shop.clerk.id)).length;
    const refused = await patch(shop.clerk.id, { storeId: null }).expect(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(refused.body)).toEqual(['storeId']);
    expect(refused.body.error.details).toEqual([
      { path: 'storeId', message: expect.stringMatching(/clerk belongs to one store/) },
    ]);
    expect((await staffById(shop.clerk.id)).storeId).toBe(shop.store.id);
    expect(await auditOf(shop.clerk.id)).toHaveLength(auditedBefore);
    // The last test counts the club's active managers.
    await patch(id, { active: false }).expect(200);
  });

  it('does not let a manager deactivate themself', async () => {
    const res = await patch(managerId, { active: false }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'active' } });
    expect(res.body.error.message).toMatch(/own account/);
    await club.request.get(`${API}/staff`).set(bearer(managerToken)).expect(200);
  });

  it('answers bad input with 400 VALIDATION_FAILED naming the fields, an unknown id 404, a clerk 403', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{}, ['']],
      [{ role: 'manager' }, ['role']],
      [{ phone: '12345' }, ['phone']],
      [{ password: 'short' }, ['password']],
      [{ active: 'no' }, ['active']],
      [{ storeId: 'x1' }, ['storeId']],
      [{ name: '' }, ['name']],
    ];
    for (const [body, fields] of cases) {
      const res = await patch(shop.clerk.id, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(typeof res.body.error.message).toBe('string');
      expect(fieldsOf(res.body)).toEqual(fields);
    }
    const badId = await patch('abc', { name: '王' }).expect(400);
    expect(fieldsOf(badId.body)).toEqual(['id']);

    const missing = await patch('987654321', { name: '王' }).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const noStore = await patch(shop.clerk.id, { storeId: '987654321' }).expect(404);
    expect(noStore.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'storeId' } });

    const asClerk = await patch(shop.clerk.id, { name: '自己改' }, shop.clerkToken).expect(403);
    expect(asClerk.body.error.code).toBe('FORBIDDEN');
    await club.request.get(`${API}/staff`).set(bearer(shop.clerkToken)).expect(403);
  });

  // Last in the file: it may leave the bootstrap manager deactivated.
  it('keeps a manager when the managers deactivate one another at the same moment', async () => {
    const newManager = async () => {
      const username = unique('mgr');
      const res = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({ username, password: CLERK_PASSWORD, name: '周店长', role: 'manager' })
        .expect(201);
      return {
        id: res.body.id as string,
        token: (await loginStaff(club.request, username, CLERK_PASSWORD)).accessToken,
      };
    };
    const [a, b] = [await newManager(), await newManager()];
    const ds = club.app.get(DataSource);
    const activeManagers = async () =>
      Number((await ds.query("SELECT COUNT(*) AS n FROM staff WHERE role = 'manager' AND active = 1"))[0].n);
    expect(await activeManagers()).toBe(3);

    // Each deactivates the next, all at once: unchecked, the club would be left with no manager.
    const answers = await Promise.all([
      patch(a.id, { active: false }, managerToken),
      patch(b.id, { active: false }, a.token),
      patch(managerId, { active: false }, b.token),
    ]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((st) => st === 200).length).toBeLessThanOrEqual(2);
    expect(statuses.every((st) => st === 200 || st === 409 || st === 401)).toBe(true);
    for (const refused of answers.filter((r) => r.status === 409)) {
      expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'active' } });
    }
    expect(await activeManagers()).toBeGreaterThanOrEqual(1);
  });
});
