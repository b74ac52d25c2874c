// The member-base import on whichever driver the project runs (the embedded SQLite too): a file
// goes in, a second run changes nothing, and the member who joins with an imported phone gets it.
import type { MemberImportResult } from '@vip-club/shared';
import {
  API,
  bearer,
  joinBody,
  loginAsNewVisitor,
  loginManager,
  uniquePhone,
} from '../factories/club.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('member-base import (smoke)', () => {
  let club: TestApp;

  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('imports, is idempotent, and hands the record over on joining', async () => {
    const managerToken = (await loginManager(club.request)).accessToken;
    const phone = uniquePhone();
    const csv = `phone,name,birthday,tier,points,joined_at,store\n${phone},林小雨,05-17,silver,640,2019-03-08,\n12,坏号码,,friend,1,,\n`;
    const post = () =>
      club.request
        .post(`${API}/members/imports`)
        .set(bearer(managerToken))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200);

    const first = (await post()).body as MemberImportResult;
    expect(first).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: [{ line: 3 }] });
    const again = (await post()).body as MemberImportResult;
    expect(again).toMatchObject({ importRef: first.importRef, created: 0, updated: 0, unchanged: 1 });

    const visitor = await loginAsNewVisitor(club.request);
    const joined = await club.request
      .post(`${API}/members`)
      .set(bearer(visitor.accessToken))
      .send(joinBody({ phoneCode: `sandbox:${phone}` }))
      .expect(201);
    const me = await club.request.get(`${API}/me`).set(bearer(joined.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ name: '林小雨', tier: 'silver', points: 640, birthday: '05-17' });
    const points = await club.request
      .get(`${API}/me/points`)
      .set(bearer(joined.body.accessToken))
      .expect(200);
    expect(points.body.items).toEqual([
      expect.objectContaining({ delta: 640, kind: 'adjust', ref: `import:${first.importRef}:${phone}` }),
    ]);
  });
});
