// The daily sweep of unattached feedback photos on a club that has kept many, through HTTP on MariaDB:
// it reads and locks only the photos no rating has attached, so its work does not grow with every photo
// ever kept, and it never waits on an attached photo someone else holds (an erasure, a rating).
import { randomBytes } from 'node:crypto';
import { type FeedbackPhoto, feedbackPhotoPath } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import {
  API,
  bearer,
  createStoreAndClerk,
  joinMember,
  type JoinedMember,
  loginManager,
  type StoreAndClerk,
} from '../factories/club.factory';
import { expectContractError } from '../factories/contract/contract-http';
import { fileExists, PLAIN_JPEG, photoFileOf } from '../factories/photos.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const DAY = 24 * 60 * 60 * 1000;
/** More than two of the sweep's pages (500): before, it read and locked them all, every day. */
const ATTACHED_KEPT = 1_200;
const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

describe('feedback photo sweep on a club with many attached photos', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;
  let member: JoinedMember;
  const db = () => club.app.get(DataSource);

  beforeAll(async () => {
    club = await startTestApp();
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
    member = await joinMember(club.request, { storeId: shop.store.id });
  });
  afterAll(async () => {
    await club?.close();
  });

  const uploaded = async (): Promise<FeedbackPhoto> =>
    (
      await club.request
        .post(`${API}/feedback/photos`)
        .set(bearer(member.accessToken))
        .attach('photo', PLAIN_JPEG, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' })
        .expect(201)
    ).body as FeedbackPhoto;
  const rate = (photoUrl: string) =>
    club.request
      .post(`${API}/feedback`)
      .set(bearer(member.accessToken))
      .send({ subject: 'store', refId: shop.store.id, rating: 5, comment: '很满意', photoUrl })
      .expect(201);
  const photoFile = (photoUrl: string) => photoFileOf(club.dataDir, photoUrl);
  const exists = fileExists;

  /**
   * `count` photos of the member uploaded three days ago, each named by a rating of hers, as
   * `POST /feedback/photos` then `POST /feedback` leave them (rows written directly: 1,200 uploads would
   * take the test's minute). Answers their ids.
   */
  async function attachedPhotos(count: number): Promise<string[]> {
    const uploadedAt = Date.now() - 3 * DAY;
    const keys: string[] = [];
    for (let done = 0; done < count; done += 200) {
      const batch = Array.from({ length: Math.min(200, count - done) }, () =>
        randomBytes(16).toString('hex'),
      );
      keys.push(...batch);
      await db().query(
        `INSERT INTO feedback_photos (member_id, access_key, content_type, size_bytes, created_at, attached_at) VALUES ${batch
          .map(() => "(?, ?, 'image/jpeg', 100, ?, ?)")
          .join(', ')}`,
        batch.flatMap((key) => [member.id, key, sqlTime(uploadedAt), sqlTime(uploadedAt + 60_000)]),
      );
    }
    const rows = (await db().query(
      `SELECT id, access_key FROM feedback_photos WHERE access_key IN (${keys.map(() => '?').join(', ')})`,
      keys,
    )) as Array<{ id: unknown; access_key: string }>;
    for (let done = 0; done < rows.length; done += 200) {
      const batch = rows.slice(done, done + 200);
      await db().query(
        `INSERT INTO feedback (member_id, subject, ref_id, store_id, rating, comment, photo_url, created_at) VALUES ${batch
          .map(() => "(?, 'store', ?, ?, 5, '', ?, ?)")
          .join(', ')}`,
        batch.flatMap((r) => [
          member.id,
          shop.store.id,
          shop.store.id,
          feedbackPhotoPath(String(r.id), r.access_key),
          sqlTime(uploadedAt + 60_000),
        ]),
      );
    }
    return rows.map((r) => String(r.id));
  }

  it('marks a photo attached when her rating names it, and not one she only uploaded', async () => {
    const kept = await uploaded();
    const left = await uploaded();
    await rate(kept.photoUrl);
    const rows = (await db().query(
      'SELECT id, attached_at FROM feedback_photos WHERE id IN (?, ?) ORDER BY id',
      [kept.photoId, left.photoId],
    )) as Array<{ id: unknown; attached_at: unknown }>;
    expect(rows.map((r) => [String(r.id), r.attached_at !== null])).toEqual([
      [kept.photoId, true],
      [left.photoId, false],
    ]);
    // A second rating with the same photo keeps the first time.
    const first = rows[0]!.attached_at;
    await rate(kept.photoUrl);
    const [again] = (await db().query('SELECT attached_at FROM feedback_photos WHERE id = ?', [
      kept.photoId,
    ])) as Array<{
      attached_at: unknown;
    }>;
    expect(again!.attached_at).toEqual(first);
  });

  it(`removes the one unattached old photo among ${ATTACHED_KEPT} attached ones without touching them, even while they are held`, async () => {
    const attachedIds = await attachedPhotos(ATTACHED_KEPT);
    // One she rated through the app, and one she uploaded and never used: both two days old.
    const rated = await uploaded();
    await rate(rated.photoUrl);
    const unused = await uploaded();
    await db().query('UPDATE feedback_photos SET created_at = ? WHERE id IN (?, ?)', [
      sqlTime(Date.now() - 2 * DAY),
      rated.photoId,
      unused.photoId,
    ]);

    // Every attached photo held by another transaction (an erasure locks a member's photo rows so):
    // a sweep that locked them, as it did page by page, would wait for it; one that reads only the
    // unattached finishes at once.
    const holder = db().createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let sweep: Promise<unknown> | undefined;
    try {
      // By primary key ranges: a long IN list is read as a table scan, which would lock the unused one too.
      const ids = attachedIds.map(Number).sort((a, b) => a - b);
      expect(ids[ids.length - 1]! - ids[0]!).toBe(ATTACHED_KEPT - 1);
      await holder.query('SELECT id FROM feedback_photos WHERE id BETWEEN ? AND ? FOR UPDATE', [
        ids[0],
        ids[ids.length - 1],
      ]);
      await holder.query('SELECT id FROM feedback_photos WHERE id = ? FOR UPDATE', [rated.photoId]);
      // The unused photo is free for whoever takes it.
      await db().transaction((em) =>
        em.query('SELECT id FROM feedback_photos WHERE id = ? FOR UPDATE NOWAIT', [unused.photoId]),
      );
      sweep = club.request
        .post(`${API}/jobs/feedback-photos/runs`)
        .set(bearer(managerToken))
        .then((res) => res.body as unknown);
      const answer = await Promise.race([
        sweep,
        new Promise<string>((resolve) =>
          setTimeout(() => resolve('still waiting for the held photos'), 8_000),
        ),
      ]);
      expect(answer).toEqual({ removed: 1, strayFiles: 0 });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
      await sweep;
    }

    expectContractError(await club.request.get(unused.photoUrl), 404, 'NOT_FOUND');
    expect(await exists(photoFile(unused.photoUrl))).toBe(false);
    await club.request.get(rated.photoUrl).expect(200);
    const [left] = (await db().query('SELECT COUNT(*) AS n FROM feedback_photos WHERE member_id = ?', [
      member.id,
    ])) as Array<{ n: unknown }>;
    // These 1,200, the rated one, and the first case's two (one attached, one a day from being swept) stay.
    expect(Number(left!.n)).toBe(ATTACHED_KEPT + 3);
  });

  it('finds the unattached photos and a stray file by index, not by reading every photo', async () => {
    const plan = async (sql: string, params: unknown[]) =>
      (await db().query(`EXPLAIN ${sql}`, params)) as Array<{ key: string | null; rows: unknown }>;
    const [candidates] = await plan(
      'SELECT id FROM feedback_photos WHERE attached_at IS NULL AND created_at < ? AND id > ? ORDER BY id LIMIT 500',
      [sqlTime(Date.now() - DAY), '0'],
    );
    expect(candidates!.key).toBe('ix_feedback_photos_unattached');
    expect(Number(candidates!.rows)).toBeLessThan(50);
    const [byKey] = await plan('SELECT id, access_key FROM feedback_photos WHERE access_key IN (?, ?)', [
      randomBytes(16).toString('hex'),
      randomBytes(16).toString('hex'),
    ]);
    expect(byKey!.key).toBe('uq_feedback_photos_access_key');
  });
});
