import { isValidMemberNo } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { CardCodeService } from '../../src/modules/members/card-code.service';
import {
  API,
  bearer,
  createClerk,
  createStore,
  createStoreAndClerk,
  fieldsOf,
  joinBody,
  joinMember,
  loginAsNewVisitor,
  loginManager,
  loginStaff,
  CLERK_PASSWORD,
  uniquePhone,
  type StoreAndClerk,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('members', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let otherShop: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp({ env: { AUTH_RATE_LIMIT: '10000' } });
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    otherShop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  describe('POST /members (joining)', () => {
    it('makes a visitor a member: 201 with the member and member tokens', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      const phone = uniquePhone();
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(
          joinBody({
            phoneCode: `sandbox:${phone}`,
            birthday: '1988-02-29',
            interests: ['翡翠', '翡翠', '珍珠'],
          }),
        )
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        memberNo: expect.stringMatching(/^[1-9]\d{8}$/),
        name: '林小雨',
        gender: 'female',
        birthday: '1988-02-29',
        phone,
        tier: 'friend',
        points: 0,
        interests: ['翡翠', '珍珠'],
        occupation: '设计师',
        storeId: null,
        clerkId: null,
        joinedAt: expect.any(String),
        referralCode: expect.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      expect(isValidMemberNo(res.body.memberNo)).toBe(true);
      expect(Math.abs(Date.parse(res.body.joinedAt) - Date.now())).toBeLessThan(60_000);
      const me = await club.request.get(`${API}/me`).set(bearer(res.body.accessToken)).expect(200);
      expect(me.body.id).toBe(res.body.id);
      // The visitor token of before joining is still a visitor's: it may not read /me.
      await club.request.get(`${API}/me`).set(bearer(visitor.accessToken)).expect(403);
    });

    it('assigns the least-loaded clerk of the chosen store', async () => {
      const store = await createStore(club.request, managerToken);
      const a = await createClerk(club.request, managerToken, store.id);
      const b = await createClerk(club.request, managerToken, store.id);
      const clerks = [];
      for (let i = 0; i < 4; i++)
        clerks.push((await joinMember(club.request, { storeId: store.id })).clerkId);
      expect(clerks.filter((c) => c === a.id)).toHaveLength(2);
      expect(clerks.filter((c) => c === b.id)).toHaveLength(2);
      const member = await joinMember(club.request, { storeId: store.id });
      expect(member.storeId).toBe(store.id);
    });

    it('joins a store without clerks with no clerk, and refuses an unknown store with 404', async () => {
      const store = await createStore(club.request, managerToken);
      const member = await joinMember(club.request, { storeId: store.id });
      expect(member).toMatchObject({ storeId: store.id, clerkId: null });
      const visitor = await loginAsNewVisitor(club.request);
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(joinBody({ storeId: '999999' }))
        .expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });

    it('keeps a matching referral code (any case) and ignores an unknown one', async () => {
      const referrer = await joinMember(club.request);
      const referred = await joinMember(club.request, { referralCode: referrer.referralCode.toLowerCase() });
      const exported = await club.request
        .get(`${API}/me/export`)
        .set(bearer(referred.accessToken))
        .expect(200);
      expect(exported.body.member.referredByCode).toBe(referrer.referralCode);
      const stranger = await joinMember(club.request, { referralCode: 'ZZZZ9999' });
      const exported2 = await club.request
        .get(`${API}/me/export`)
        .set(bearer(stranger.accessToken))
        .expect(200);
      expect(exported2.body.member.referredByCode).toBeNull();
    });

    it('records consent with its time', async () => {
      const member = await joinMember(club.request, { consent: { marketing: true } });
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.consent).toEqual({ marketing: true, updatedAt: expect.any(String) });
      expect(Math.abs(Date.parse(me.body.consent.updatedAt) - Date.now())).toBeLessThan(60_000);
    });

    it('answers a second join of the same account with 409 ALREADY_MEMBER', async () => {
      const member = await joinMember(club.request);
      const withVisitorToken = await club.request
        .post(`${API}/members`)
        .set(bearer(member.visitor.accessToken))
        .send(joinBody())
        .expect(409);
      expect(withVisitorToken.body.error.code).toBe('ALREADY_MEMBER');
      const withMemberToken = await club.request
        .post(`${API}/members`)
        .set(bearer(member.accessToken))
        .send(joinBody())
        .expect(409);
      expect(withMemberToken.body.error.code).toBe('ALREADY_MEMBER');
    });

    it('answers a phone already on a member of the same platform with 409 PHONE_TAKEN', async () => {
      const member = await joinMember(club.request);
      const visitor = await loginAsNewVisitor(club.request, 'wechat');
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(joinBody({ phoneCode: `sandbox:${member.phone}` }))
        .expect(409);
      expect(res.body.error.code).toBe('PHONE_TAKEN');
    });

    it('binds an account of the other platform to the member who has that phone', async () => {
      const member = await joinMember(club.request, {}, 'wechat');
      const alipay = await loginAsNewVisitor(club.request, 'alipay');
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(alipay.accessToken))
        .send(joinBody({ name: '另一个名字', phoneCode: `sandbox:${member.phone}` }))
        .expect(201);
      expect(res.body).toMatchObject({ id: member.id, memberNo: member.memberNo, name: member.name });
      const again = await loginAsNewVisitor(club.request, 'alipay', alipay.platformUserId);
      expect(again.member?.id).toBe(member.id);
      // Both platforms are now taken for that phone.
      const thirdVisitor = await loginAsNewVisitor(club.request, 'alipay');
      await club.request
        .post(`${API}/members`)
        .set(bearer(thirdVisitor.accessToken))
        .send(joinBody({ phoneCode: `sandbox:${member.phone}` }))
        .expect(409);
    });

    it('refuses a phone code that gives no mainland mobile number', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(joinBody({ phoneCode: 'sandbox:12345' }))
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toEqual(['phoneCode']);
    });

    it('answers a phone code the platform refuses with 400 PHONE_CODE_INVALID, and the visitor stays logged in', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(joinBody({ phoneCode: 'not-a-phone-code' }))
        .expect(400);
      expect(res.body.error.code).toBe('PHONE_CODE_INVALID');
      expect(fieldsOf(res.body)).toEqual(['phoneCode']);
      await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(joinBody({ phoneCode: `sandbox:${uniquePhone()}` }))
        .expect(201);
    });

    it('needs a login: 401 UNAUTHENTICATED; staff may not join: 403 FORBIDDEN', async () => {
      const anon = await club.request.post(`${API}/members`).send(joinBody()).expect(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
      const staff = await club.request
        .post(`${API}/members`)
        .set(bearer(shop.clerkToken))
        .send(joinBody())
        .expect(403);
      expect(staff.body.error.code).toBe('FORBIDDEN');
    });

    it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
      const visitor = await loginAsNewVisitor(club.request);
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .set('content-type', 'application/json')
        .send('{"name": "林", "gender":')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['an empty body', {}, ['name', 'gender', 'birthday', 'phoneCode', 'consent']],
      ['a name too long', { name: '名'.repeat(41) }, ['name']],
      ['a blank name', { name: '   ' }, ['name']],
      ['an unknown gender', { gender: 'unknown' }, ['gender']],
      ['an impossible birthday', { birthday: '02-30' }, ['birthday']],
      ['29 February of a common year', { birthday: '2023-02-29' }, ['birthday']],
      ['a birthday of the wrong type', { birthday: 19900517 }, ['birthday']],
      ['interests as a string', { interests: '翡翠' }, ['interests']],
      ['too many interests', { interests: Array.from({ length: 13 }, (_, i) => `i${i}`) }, ['interests']],
      ['an oversized interest', { interests: ['x'.repeat(21)] }, ['interests.0']],
      ['consent.marketing not a boolean', { consent: { marketing: 'yes' } }, ['consent.marketing']],
      ['an unknown consent field', { consent: { marketing: true, sms: true } }, ['consent.sms']],
      ['a storeId that is not an id', { storeId: 'store-1' }, ['storeId']],
      ['an occupation too long', { occupation: 'x'.repeat(41) }, ['occupation']],
      ['a bad referral code', { referralCode: '!!' }, ['referralCode']],
      ['an unknown field', { vip: true }, ['vip']],
    ])('answers %s with 400 naming the field', async (_label, patch, fields) => {
      const visitor = await loginAsNewVisitor(club.request);
      const body = Object.keys(patch).length === 0 ? {} : { ...joinBody(), ...patch };
      const res = await club.request
        .post(`${API}/members`)
        .set(bearer(visitor.accessToken))
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res.body)).toContain(field);
    });
  });

  describe('GET /me and PATCH /me', () => {
    it('shows the member with the card: tier, points and the way to the next tier', async () => {
      const member = await joinMember(club.request);
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: member.id, phone: member.phone, tier: 'friend', points: 0 });
      expect(me.body.card).toEqual({
        memberNo: member.memberNo,
        tier: 'friend',
        points: 0,
        nextTier: 'silver',
        spendToNextTier: 300_000,
        qualifyingSpend: 0,
        progress: 0,
      });
    });

    it('changes name, interests, occupation and consent', async () => {
      const member = await joinMember(club.request, { consent: { marketing: false } });
      const before = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      const res = await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send({ name: '林小雨二', interests: ['钻石'], occupation: null, consent: { marketing: true } })
        .expect(200);
      expect(res.body).toMatchObject({ name: '林小雨二', interests: ['钻石'], occupation: null });
      expect(res.body.consent.marketing).toBe(true);
      expect(Date.parse(res.body.consent.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(before.body.consent.updatedAt),
      );
      const again = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(again.body.name).toBe('林小雨二');
    });

    it('answers a birthday change with 409 BIRTHDAY_LOCKED, and sets it while unset', async () => {
      const member = await joinMember(club.request, { birthday: '07-07' });
      const locked = await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send({ birthday: '08-08' })
        .expect(409);
      expect(locked.body.error.code).toBe('BIRTHDAY_LOCKED');
      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(200);
      expect(me.body.birthday).toBe('07-07');

      // A member brought in without a birthday (an import) may set it once.
      await club.app
        .get(DataSource)
        .query(
          'UPDATE members SET birth_year = NULL, birth_month = NULL, birth_day = NULL, birth_md = NULL WHERE id = ?',
          [member.id],
        );
      const set = await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send({ birthday: '1992-12-31' })
        .expect(200);
      expect(set.body.birthday).toBe('1992-12-31');
      await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send({ birthday: '1992-12-30' })
        .expect(409);
    });

    it.each([
      ['an empty body', {}, []],
      ['a name too long', { name: 'x'.repeat(41) }, ['name']],
      ['interests of the wrong type', { interests: [1, 2] }, ['interests.0', 'interests.1']],
      ['consent without marketing', { consent: {} }, ['consent.marketing']],
      ['an impossible birthday', { birthday: '13-01' }, ['birthday']],
      ['a phone (not changeable here)', { phone: '13800000000' }, ['phone']],
      ['an unknown field', { tier: 'diamond' }, ['tier']],
    ])('answers %s with 400 VALIDATION_FAILED', async (_label, body, fields) => {
      const member = await joinMember(club.request);
      const res = await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(fieldsOf(res.body)).toContain(field);
    });

    it('answers malformed JSON on PATCH /me with 400', async () => {
      const member = await joinMember(club.request);
      const res = await club.request
        .patch(`${API}/me`)
        .set(bearer(member.accessToken))
        .set('content-type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('keeps staff off the member routes: 403 FORBIDDEN', async () => {
      for (const path of ['/me', '/me/card-code', '/me/points', '/me/export']) {
        const res = await club.request.get(`${API}${path}`).set(bearer(managerToken)).expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('points ledger', () => {
    it('lists the ledger newest first, a page at a time', async () => {
      const member = await joinMember(club.request);
      const empty = await club.request.get(`${API}/me/points`).set(bearer(member.accessToken)).expect(200);
      expect(empty.body).toEqual({ items: [], nextCursor: null });

      const db = club.app.get(DataSource);
      const at = new Date('2026-01-02T03:04:05.678Z');
      for (const [i, delta] of [100, 250, -50].entries()) {
        await db.query(
          'INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [member.id, delta, 'adjust', [100, 350, 300][i], `test:${member.id}:${i}`, at, null],
        );
      }
      const first = await club.request
        .get(`${API}/me/points?limit=2`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(first.body.items.map((e: { delta: number }) => e.delta)).toEqual([-50, 250]);
      expect(first.body.items[0]).toEqual({
        id: expect.any(String),
        delta: -50,
        kind: 'adjust',
        balanceAfter: 300,
        createdAt: '2026-01-02T03:04:05.678Z',
        expiresAt: null,
        ref: `test:${member.id}:2`,
      });
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await club.request
        .get(`${API}/me/points?limit=2&cursor=${first.body.nextCursor}`)
        .set(bearer(member.accessToken))
        .expect(200);
      expect(second.body.items.map((e: { delta: number }) => e.delta)).toEqual([100]);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each(['limit=0', 'limit=101', 'limit=ten', 'cursor=abc', 'page=2'])(
      'answers ?%s with 400 VALIDATION_FAILED',
      async (query) => {
        const member = await joinMember(club.request);
        const res = await club.request
          .get(`${API}/me/points?${query}`)
          .set(bearer(member.accessToken))
          .expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(res.body)).toContain(query.split('=')[0]);
      },
    );
  });

  describe('card code and the clerk lookup', () => {
    it('issues a 60-second code that clerks of any store can scan; the phone is masked outside the home store', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      const card = await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200);
      expect(card.body).toEqual({ code: expect.any(String), expiresAt: expect.any(String) });
      expect(card.body.code.length).toBeLessThanOrEqual(48);
      const ttl = Date.parse(card.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);

      const own = await club.request
        .get(`${API}/staff/members/lookup`)
        .query({ cardCode: card.body.code })
        .set(bearer(shop.clerkToken))
        .expect(200);
      expect(own.body).toEqual({
        id: member.id,
        memberNo: member.memberNo,
        name: member.name,
        tier: 'friend',
        points: 0,
        phone: member.phone,
        storeId: shop.store.id,
        clerkId: shop.clerk.id,
        birthday: member.birthday,
        joinedAt: member.joinedAt,
      });
      const other = await club.request
        .get(`${API}/staff/members/lookup`)
        .query({ cardCode: card.body.code })
        .set(bearer(otherShop.clerkToken))
        .expect(200);
      expect(other.body.id).toBe(member.id);
      expect(other.body.phone).toBe(`${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`);
      const manager = await club.request
        .get(`${API}/staff/members/lookup`)
        .query({ cardCode: card.body.code })
        .set(bearer(managerToken))
        .expect(200);
      expect(manager.body.phone).toBe(member.phone);
    });

    it('finds a member by phone, masked for clerks of other stores', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      const own = await club.request
        .get(`${API}/staff/members/lookup?phone=${member.phone}`)
        .set(bearer(shop.clerkToken))
        .expect(200);
      expect(own.body.phone).toBe(member.phone);
      const other = await club.request
        .get(`${API}/staff/members/lookup?phone=${member.phone}`)
        .set(bearer(otherShop.clerkToken))
        .expect(200);
      expect(other.body.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const none = await club.request
        .get(`${API}/staff/members/lookup?phone=13000000001`)
        .set(bearer(shop.clerkToken))
        .expect(404);
      expect(none.body.error.code).toBe('NOT_FOUND');
    });

    it('answers an expired code with 410 CARD_CODE_EXPIRED', async () => {
      const member = await joinMember(club.request);
      const stale = club.app.get(CardCodeService).sign(member.id, new Date(Date.now() - 1000));
      const res = await club.request
        .get(`${API}/staff/members/lookup`)
        .query({ cardCode: stale.code })
        .set(bearer(shop.clerkToken))
        .expect(410);
      expect(res.body.error.code).toBe('CARD_CODE_EXPIRED');
    });

    it('answers a forged or garbled code with 400 CARD_CODE_INVALID and an unknown member with 404', async () => {
      const member = await joinMember(club.request);
      const card = await club.request.get(`${API}/me/card-code`).set(bearer(member.accessToken)).expect(200);
      const [id36, exp36, sig] = (card.body.code as string).split('.');
      const otherId = (BigInt(member.id) + 1n).toString(36);
      for (const code of [
        `${otherId}.${exp36}.${sig}`,
        `${id36}.${exp36}.${sig.slice(0, -1)}A`,
        'hello',
        `${id36}.${exp36}`,
      ]) {
        const res = await club.request
          .get(`${API}/staff/members/lookup`)
          .query({ cardCode: code })
          .set(bearer(shop.clerkToken))
          .expect(400);
        expect(res.body.error.code).toBe('CARD_CODE_INVALID');
      }
      const ghost = club.app.get(CardCodeService).sign('999999', new Date(Date.now() + 60_000));
      const res = await club.request
        .get(`${API}/staff/members/lookup`)
        .query({ cardCode: ghost.code })
        .set(bearer(shop.clerkToken))
        .expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });

    it.each([
      ['neither parameter', ''],
      ['both parameters', 'cardCode=abc&phone=13800000000'],
      ['a phone that is not a mobile number', 'phone=12345'],
      ['an oversized card code', `cardCode=${'x'.repeat(300)}`],
      ['an unknown parameter', 'memberNo=123456789'],
    ])('answers %s with 400 VALIDATION_FAILED', async (_label, query) => {
      const res = await club.request
        .get(`${API}/staff/members/lookup?${query}`)
        .set(bearer(shop.clerkToken))
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /members/{id}', () => {
    it('shows a clerk their own store’s member, with purchases and contacts', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      const res = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(shop.clerkToken))
        .expect(200);
      expect(res.body).toMatchObject({
        id: member.id,
        phone: member.phone,
        storeId: shop.store.id,
        purchases: [],
        contacts: [],
      });
      expect(res.body.card).toMatchObject({ memberNo: member.memberNo, tier: 'friend' });
    });

    it('answers a clerk reading another store’s member with 403 FORBIDDEN; a manager reads anyone', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      const res = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(otherShop.clerkToken))
        .expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      const storeless = await joinMember(club.request);
      await club.request.get(`${API}/members/${storeless.id}`).set(bearer(shop.clerkToken)).expect(403);
      const manager = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(managerToken))
        .expect(200);
      expect(manager.body.phone).toBe(member.phone);
    });

    it('shows a clerk her own member whose home is another store (handed to her from there)', async () => {
      const [from, to] = [
        await createStoreAndClerk(club.request, managerToken),
        await createStoreAndClerk(club.request, managerToken),
      ];
      const member = await joinMember(club.request, { storeId: from.store.id });
      await club.request
        .post(`${API}/staff/${from.clerk.id}/handover`)
        .set(bearer(managerToken))
        .send({ mode: 'one', toStaffId: to.clerk.id })
        .expect(200);
      const res = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(to.clerkToken))
        .expect(200);
      // Her own clerk sees the whole number, to call her.
      expect(res.body).toMatchObject({
        id: member.id,
        clerkId: to.clerk.id,
        storeId: from.store.id,
        phone: member.phone,
      });
    });

    it('answers an unknown member with 404 and a bad id with 400', async () => {
      const unknown = await club.request
        .get(`${API}/members/987654321`)
        .set(bearer(managerToken))
        .expect(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      const bad = await club.request.get(`${API}/members/abc`).set(bearer(managerToken)).expect(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(bad.body)).toEqual(['id']);
    });
  });

  describe('export and erasure', () => {
    it('exports all personal data as JSON', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      const res = await club.request.get(`${API}/me/export`).set(bearer(member.accessToken)).expect(200);
      expect(res.body).toMatchObject({
        exportedAt: expect.any(String),
        member: {
          id: member.id,
          name: member.name,
          phone: member.phone,
          birthday: member.birthday,
          interests: member.interests,
          consent: { marketing: true, updatedAt: expect.any(String) },
        },
        platformAccounts: [{ platform: 'wechat', linkedAt: expect.any(String) }],
        pointsLedger: [],
      });
    });

    it('erases the member: personal data anonymised, sessions ended, ledger kept, the phone free again', async () => {
      const member = await joinMember(club.request, { storeId: shop.store.id });
      await club.app
        .get(DataSource)
        .query(
          'INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at) VALUES (?, 500, ?, 500, ?, ?)',
          [member.id, 'adjust', `test-erase:${member.id}`, new Date()],
        );
      await club.request.delete(`${API}/me`).set(bearer(member.accessToken)).expect(204);

      const me = await club.request.get(`${API}/me`).set(bearer(member.accessToken)).expect(401);
      expect(me.body.error.code).toBe('UNAUTHENTICATED');
      await club.request.get(`${API}/me/export`).set(bearer(member.accessToken)).expect(401);
      const refresh = await club.request
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: member.refreshToken })
        .expect(401);
      expect(refresh.body.error.code).toBe('UNAUTHENTICATED');

      const seen = await club.request
        .get(`${API}/members/${member.id}`)
        .set(bearer(managerToken))
        .expect(200);
      expect(seen.body).toMatchObject({
        id: member.id,
        name: '已注销',
        phone: null,
        birthday: null,
        interests: [],
        occupation: null,
      });
      expect(JSON.stringify(seen.body)).not.toContain(member.phone);
      expect(JSON.stringify(seen.body)).not.toContain(member.name);
      const rows = await club.app
        .get(DataSource)
        .query('SELECT delta FROM points_ledger WHERE member_id = ?', [member.id]);
      expect(rows.map((r: { delta: unknown }) => Number(r.delta))).toEqual([500]);
      await club.request
        .get(`${API}/staff/members/lookup?phone=${member.phone}`)
        .set(bearer(managerToken))
        .expect(404);

      // The platform account is a visitor again and may join afresh with the same phone.
      const again = await loginAsNewVisitor(club.request, 'wechat', member.visitor.platformUserId);
      expect(again.member).toBeNull();
      const rejoined = await club.request
        .post(`${API}/members`)
        .set(bearer(again.accessToken))
        .send(joinBody({ phoneCode: `sandbox:${member.phone}` }))
        .expect(201);
      expect(rejoined.body.id).not.toBe(member.id);
      const exported = await club.request
        .get(`${API}/me/export`)
        .set(bearer(rejoined.body.accessToken))
        .expect(200);
      expect(exported.body.pointsLedger).toEqual([]);
    });
  });

  it('lets a clerk log in with the password set by the manager', async () => {
    const login = await loginStaff(club.request, shop.clerk.username, CLERK_PASSWORD);
    expect(login.staff).toEqual({ id: shop.clerk.id, role: 'clerk', storeId: shop.store.id });
  });
});
