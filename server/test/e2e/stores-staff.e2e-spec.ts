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
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('stores and staff', () => {
  let club: TestApp;
  let managerToken: string;

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    managerToken = (await loginManager(club.request)).accessToken;
  });
  afterAll(async () => {
    await club?.close();
  });

  describe('stores', () => {
    it('lets a manager open a store that anyone can then list', async () => {
      const res = await club.request
        .post(`${API}/stores`)
        .set(bearer(managerToken))
        .send({ name: '上海新天地店', city: '上海', address: '黄浦区马当路 245 号' })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: '上海新天地店',
        city: '上海',
        address: '黄浦区马当路 245 号',
      });
      const list = await club.request.get(`${API}/stores`).expect(200);
      expect(list.body.items).toContainEqual(res.body);
      expect(list.body.nextCursor).toBeNull();
    });

    it('pages through the stores, oldest first', async () => {
      for (let i = 0; i < 3; i++) await createStore(club.request, managerToken);
      const first = await club.request.get(`${API}/stores?limit=2`).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toBe(first.body.items[1].id);
      const second = await club.request
        .get(`${API}/stores?limit=2&cursor=${first.body.nextCursor}`)
        .expect(200);
      expect(Number(second.body.items[0].id)).toBeGreaterThan(Number(first.body.items[1].id));
    });

    it('answers a clerk or a member opening a store with 403 FORBIDDEN, and no token with 401', async () => {
      const { clerkToken } = await createStoreAndClerk(club.request, managerToken);
      const body = { name: '店', city: '北京', address: '国贸' };
      const clerk = await club.request.post(`${API}/stores`).set(bearer(clerkToken)).send(body).expect(403);
      expect(clerk.body.error.code).toBe('FORBIDDEN');
      const member = await joinMember(club.request);
      await club.request.post(`${API}/stores`).set(bearer(member.accessToken)).send(body).expect(403);
      const anon = await club.request.post(`${API}/stores`).send(body).expect(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
    });

    it.each([
      ['an empty body', {}, ['name', 'city', 'address']],
      ['a name too long', { name: 'x'.repeat(61), city: '上海', address: 'a' }, ['name']],
      ['an address too long', { name: 'n', city: '上海', address: 'a'.repeat(201) }, ['address']],
      ['a city of the wrong type', { name: 'n', city: 42, address: 'a' }, ['city']],
      ['blank strings', { name: ' ', city: ' ', address: ' ' }, ['name', 'city', 'address']],
      ['an unknown field', { name: 'n', city: 'c', address: 'a', phone: '021' }, ['phone']],
    ])('POST /stores: %s → 400 naming the fields', async (_label, body, fields) => {
      const res = await club.request.post(`${API}/stores`).set(bearer(managerToken)).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res.body)).toContain(field);
    });

    it('POST /stores: malformed JSON → 400', async () => {
      const res = await club.request
        .post(`${API}/stores`)
        .set(bearer(managerToken))
        .set('content-type', 'application/json')
        .send('{"name"')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each(['limit=0', 'limit=x', 'cursor=first', 'sort=name'])('GET /stores?%s → 400', async (query) => {
      const res = await club.request.get(`${API}/stores?${query}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toContain(query.split('=')[0]);
    });
  });

  describe('staff', () => {
    it('lets a manager create a clerk who can log in and is listed', async () => {
      const store = await createStore(club.request, managerToken);
      const username = unique('li.clerk');
      const res = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({ username, password: 'a-strong-passw0rd', name: '李店员', role: 'clerk', storeId: store.id })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        username,
        name: '李店员',
        role: 'clerk',
        storeId: store.id,
        isActive: true,
        active: true,
        phone: null,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('passw0rd');
      const login = await loginStaff(club.request, username, 'a-strong-passw0rd');
      expect(login.staff).toEqual({ id: res.body.id, role: 'clerk', storeId: store.id });
      const list = await club.request.get(`${API}/staff?limit=100`).set(bearer(managerToken)).expect(200);
      expect(list.body.items).toContainEqual({ ...res.body, members: 0 });
    });

    it('lets a manager create another manager, with or without a store', async () => {
      const username = unique('boss');
      const res = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({ username, password: 'another-passw0rd', name: '赵经理', role: 'manager' })
        .expect(201);
      expect(res.body).toMatchObject({ role: 'manager', storeId: null });
      const login = await loginStaff(club.request, username, 'another-passw0rd');
      await club.request.get(`${API}/staff`).set(bearer(login.accessToken)).expect(200);
    });

    it('answers a username in use with 409 USERNAME_TAKEN', async () => {
      const store = await createStore(club.request, managerToken);
      const clerk = await createClerk(club.request, managerToken, store.id);
      const res = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({
          username: clerk.username,
          password: 'whatever-123',
          name: '重名',
          role: 'clerk',
          storeId: store.id,
        })
        .expect(409);
      expect(res.body.error.code).toBe('USERNAME_TAKEN');
    });

    it('answers a clerk without a store with 400 and with an unknown store with 404', async () => {
      const missing = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({ username: unique('c'), password: 'whatever-123', name: '无店', role: 'clerk' })
        .expect(400);
      expect(fieldsOf(missing.body)).toEqual(['storeId']);
      const unknown = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .send({
          username: unique('c'),
          password: 'whatever-123',
          name: '无店',
          role: 'clerk',
          storeId: '999999',
        })
        .expect(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
    });

    it('keeps clerks off the staff routes: 403 FORBIDDEN', async () => {
      const { store, clerkToken } = await createStoreAndClerk(club.request, managerToken);
      const list = await club.request.get(`${API}/staff`).set(bearer(clerkToken)).expect(403);
      expect(list.body.error.code).toBe('FORBIDDEN');
      await club.request
        .post(`${API}/staff`)
        .set(bearer(clerkToken))
        .send({
          username: unique('c'),
          password: 'whatever-123',
          name: '越权',
          role: 'manager',
          storeId: store.id,
        })
        .expect(403);
    });

    it.each([
      ['an empty body', {}, ['username', 'password', 'name', 'role']],
      [
        'a username with spaces',
        { username: 'li si', password: 'whatever-123', name: 'n', role: 'manager' },
        ['username'],
      ],
      ['a short password', { username: 'lisi', password: 'short', name: 'n', role: 'manager' }, ['password']],
      [
        'an oversized password',
        { username: 'lisi', password: 'p'.repeat(129), name: 'n', role: 'manager' },
        ['password'],
      ],
      ['an unknown role', { username: 'lisi', password: 'whatever-123', name: 'n', role: 'owner' }, ['role']],
      [
        'a storeId of the wrong type',
        { username: 'lisi', password: 'whatever-123', name: 'n', role: 'clerk', storeId: 5 },
        ['storeId'],
      ],
      [
        'an unknown field',
        { username: 'lisi', password: 'whatever-123', name: 'n', role: 'manager', active: false },
        ['active'],
      ],
    ])('POST /staff: %s → 400 naming the fields', async (_label, body, fields) => {
      const res = await club.request.post(`${API}/staff`).set(bearer(managerToken)).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res.body)).toContain(field);
    });

    it('POST /staff: malformed JSON → 400', async () => {
      const res = await club.request
        .post(`${API}/staff`)
        .set(bearer(managerToken))
        .set('content-type', 'application/json')
        .send('{"username": "x",')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('PUT /members/{id}/clerk', () => {
    it('reassigns the personal clerk; the member moves to the clerk’s store', async () => {
      const home = await createStoreAndClerk(club.request, managerToken);
      const away = await createStoreAndClerk(club.request, managerToken);
      const member = await joinMember(club.request, { storeId: home.store.id });
      expect(member.clerkId).toBe(home.clerk.id);

      const res = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: away.clerk.id })
        .expect(200);
      expect(res.body).toMatchObject({
        id: member.id,
        clerkId: away.clerk.id,
        storeId: away.store.id,
        phone: member.phone,
      });
      await club.request.get(`${API}/members/${member.id}`).set(bearer(away.clerkToken)).expect(200);
      await club.request.get(`${API}/members/${member.id}`).set(bearer(home.clerkToken)).expect(403);
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.clerkId).toBe(away.clerk.id);
    });

    it('answers an unknown member, an unknown clerk and a manager as clerk with 404', async () => {
      const { clerk } = await createStoreAndClerk(club.request, managerToken);
      const member = await joinMember(club.request);
      const noMember = await club.request
        .put(`${API}/members/987654321/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: clerk.id })
        .expect(404);
      expect(noMember.body.error.code).toBe('NOT_FOUND');
      const noClerk = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: '987654321' })
        .expect(404);
      expect(noClerk.body.error.code).toBe('NOT_FOUND');
      const manager = await loginManager(club.request);
      await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: manager.staff.id })
        .expect(404);
    });

    it('is for managers only: a clerk gets 403 FORBIDDEN', async () => {
      const { clerk, clerkToken, store } = await createStoreAndClerk(club.request, managerToken);
      const member = await joinMember(club.request, { storeId: store.id });
      const res = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(clerkToken))
        .send({ clerkId: clerk.id })
        .expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it.each([
      ['an empty body', {}, ['clerkId']],
      ['a clerkId of the wrong type', { clerkId: 7 }, ['clerkId']],
      ['a clerkId that is not an id', { clerkId: 'x'.repeat(30) }, ['clerkId']],
      ['an unknown field', { clerkId: '1', storeId: '1' }, ['storeId']],
    ])('answers %s with 400 naming the fields', async (_label, body, fields) => {
      const member = await joinMember(club.request);
      const res = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res.body)).toContain(field);
    });

    it('answers a bad member id in the path and malformed JSON with 400', async () => {
      const bad = await club.request
        .put(`${API}/members/x1/clerk`)
        .set(bearer(managerToken))
        .send({ clerkId: '1' })
        .expect(400);
      expect(fieldsOf(bad.body)).toContain('id');
      const member = await joinMember(club.request);
      const malformed = await club.request
        .put(`${API}/members/${member.id}/clerk`)
        .set(bearer(managerToken))
        .set('content-type', 'application/json')
        .send('{"clerkId":')
        .expect(400);
      expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  it('keeps the clerk password out of every answer', async () => {
    const { clerk } = await createStoreAndClerk(club.request, managerToken);
    const list = await club.request.get(`${API}/staff?limit=100`).set(bearer(managerToken)).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).toContain(clerk.username);
    expect(text).not.toContain(CLERK_PASSWORD);
    expect(text).not.toMatch(/argon2|password/i);
  });
});
