// Feedback photos kept safely, through HTTP on MariaDB: the camera's metadata (EXIF with its GPS
// position) never reaches the clerk who opens the photo, a member may upload only so many an hour
// (counted per member, not per shop Wi-Fi), and photos never attached to a rating are swept a day on.
import { randomBytes } from 'node:crypto';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FeedbackPhoto, type FollowUp, type Paginated } from '@vip-club/shared';
import type { Response } from 'supertest';
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
import {
  exifPayload,
  fileExists,
  GPS_LATITUDE_MARK,
  jpegSegment,
  jpegWith,
  photoFileOf,
  PLAIN_JPEG,
} from '../factories/photos.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

const UPLOADS_PER_HOUR = 3;
const DAY = 24 * 60 * 60 * 1000;
const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** From the first scan header (FF DA) to the end: the compressed pixels. */
function scanToEnd(jpeg: Buffer): Buffer {
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  expect(sos).toBeGreaterThan(0);
  return jpeg.subarray(sos);
}

describe('feedback photos, kept safely', () => {
  let club: TestApp;
  let managerToken: string;
  let shop: StoreAndClerk;

  beforeAll(async () => {
    club = await startTestApp({ env: { PHOTO_UPLOAD_RATE_LIMIT: String(UPLOADS_PER_HOUR) } });
    managerToken = (await loginManager(club.request)).accessToken;
    shop = await createStoreAndClerk(club.request, managerToken);
  });
  afterAll(async () => {
    await club?.close();
  });

  const newMember = () => joinMember(club.request, { storeId: shop.store.id });
  const upload = (m: JoinedMember, bytes: Buffer) =>
    club.request
      .post(`${API}/feedback/photos`)
      .set(bearer(m.accessToken))
      .attach('photo', bytes, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
  const uploaded = async (m: JoinedMember, bytes: Buffer = PLAIN_JPEG): Promise<FeedbackPhoto> =>
    (await upload(m, bytes).expect(201)).body as FeedbackPhoto;
  const open = (photoUrl: string) => club.request.get(photoUrl).buffer(true).parse(binary);
  const photoFile = (photoUrl: string) => photoFileOf(club.dataDir, photoUrl);
  const exists = fileExists;
  const rate = (m: JoinedMember, photoUrl: string) =>
    club.request
      .post(`${API}/feedback`)
      .set(bearer(m.accessToken))
      .send({ subject: 'store', refId: shop.store.id, rating: 2, comment: '戒指划痕', photoUrl });
  const db = () => club.app.get(DataSource);
  const photoRows = async (memberId: string) =>
    Number(
      (
        (await db().query('SELECT COUNT(*) AS n FROM feedback_photos WHERE member_id = ?', [
          memberId,
        ])) as Array<{
          n: unknown;
        }>
      )[0].n,
    );

  describe('metadata', () => {
    it("shows the store's clerk the photo without the camera's EXIF and GPS, the pixels byte for byte", async () => {
      const member = await newMember();
      const xmp = jpegSegment(
        0xe1,
        Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS-22.2783N</x:xmpmeta>'),
      );
      const sent = jpegWith([jpegSegment(0xe1, exifPayload(6)), xmp]);
      expect(sent.includes(Buffer.from('Exif'))).toBe(true);
      expect(sent.includes(GPS_LATITUDE_MARK)).toBe(true);

      const photo = await uploaded(member, sent);
      await rate(member, photo.photoUrl).expect(201);
      // The clerk finds the photo on the follow-up the low rating opened, and her phone opens its address.
      const followUps = await club.request
        .get(`${API}/staff/follow-ups`)
        .set(bearer(shop.clerkToken))
        .expect(200);
      const followUp = (followUps.body as Paginated<FollowUp>).items.find((f) => f.member.id === member.id);
      expect(followUp?.photoUrl).toBe(photo.photoUrl);
      const shown = await open(photo.photoUrl).expect(200);
      const kept = shown.body as Buffer;

      expect(shown.headers['content-type']).toBe('image/jpeg');
      expect(kept.includes(GPS_LATITUDE_MARK)).toBe(false);
      expect(kept.includes(Buffer.from('xmpmeta'))).toBe(false);
      expect(kept.includes(Buffer.from([0x88, 0x25]))).toBe(false); // the GPS IFD pointer tag, either byte order
      expect(kept.includes(Buffer.from([0x25, 0x88]))).toBe(false);
      expect(photo.sizeBytes).toBe(kept.length);
      // Still a JPEG of the same pixels: the scan to the end marker is untouched, and so is all before
      // it but the EXIF block, which now says only which way is up (6: turn a quarter clockwise).
      expect(kept.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(kept.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(scanToEnd(kept).equals(scanToEnd(PLAIN_JPEG))).toBe(true);
      const orientationOnly = jpegSegment(
        0xe1,
        Buffer.concat([
          Buffer.from('Exif\0\0', 'latin1'),
          Buffer.from([
            0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
          ]),
        ]),
      );
      expect(kept.equals(jpegWith([orientationOnly]))).toBe(true);
    });

    it('keeps a photo with nothing to remove exactly as sent', async () => {
      const photo = await uploaded(await newMember(), PLAIN_JPEG);
      expect(Buffer.compare((await open(photo.photoUrl).expect(200)).body as Buffer, PLAIN_JPEG)).toBe(0);
    });
  });

  describe('rate limit', () => {
    it('takes so many uploads an hour from a member, then 429 with Retry-After, and stores nothing more', async () => {
      const [busy, neighbour] = await Promise.all([newMember(), newMember()]);
      for (let i = 0; i < UPLOADS_PER_HOUR; i++) await uploaded(busy);
      const refused = await upload(busy, PLAIN_JPEG);
      expectContractError(refused, 429, 'RATE_LIMITED');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3_500);
      expect(retryAfter).toBeLessThanOrEqual(3_600);
      expect(await photoRows(busy.id)).toBe(UPLOADS_PER_HOUR);
      // Counted per member: another customer on the same shop Wi-Fi (here, the same address) still uploads.
      await uploaded(neighbour);
      // Her other requests are not counted against her.
      await club.request.get(`${API}/me`).set(bearer(busy.accessToken)).expect(200);
    });
  });

  describe('sweep of photos never attached', () => {
    const runSweep = async (): Promise<{ removed: number; strayFiles: number }> => {
      const res = await club.request
        .post(`${API}/jobs/feedback-photos/runs`)
        .set(bearer(managerToken))
        .expect(200);
      return res.body as { removed: number; strayFiles: number };
    };
    const backdate = (photo: FeedbackPhoto, ms: number) =>
      db().query('UPDATE feedback_photos SET created_at = ? WHERE id = ?', [
        sqlTime(Date.now() - ms),
        photo.photoId,
      ]);

    it('deletes a day-old photo no rating uses, keeps an attached one and a fresh one, and runs twice at once safely', async () => {
      const [member, other] = await Promise.all([newMember(), newMember()]);
      const attached = await uploaded(member);
      await rate(member, attached.photoUrl).expect(201);
      const fresh = await uploaded(member);
      const old = await uploaded(member);
      const alsoOld = await uploaded(other);
      await backdate(attached, 3 * DAY);
      await backdate(old, DAY + 60_000);
      await backdate(alsoOld, 2 * DAY);
      // Just under a day: still waiting for its rating.
      await backdate(fresh, DAY - 60_000);

      // Two runs at once (two servers' schedulers): each photo goes once.
      const [a, b] = await Promise.all([runSweep(), runSweep()]);
      expect(a.removed + b.removed).toBe(2);
      expect(a.strayFiles + b.strayFiles).toBe(0);

      for (const gone of [old, alsoOld]) {
        expectContractError(await club.request.get(gone.photoUrl), 404, 'NOT_FOUND');
        expect(await exists(photoFile(gone.photoUrl))).toBe(false);
      }
      for (const kept of [attached, fresh]) {
        await open(kept.photoUrl).expect(200);
        expect(await exists(photoFile(kept.photoUrl))).toBe(true);
      }
      // A rating can no longer take the swept photo.
      const late = await rate(member, old.photoUrl);
      expectContractError(late, 404, 'NOT_FOUND');
      expect(await runSweep()).toEqual({ removed: 0, strayFiles: 0 });
    });

    it('deletes a photo file older than a day that no row names (its upload stopped before the row), not a newer one', async () => {
      const dir = join(club.dataDir, 'feedback-photos');
      const stray = join(dir, randomBytes(16).toString('hex'));
      const inFlight = join(dir, randomBytes(16).toString('hex'));
      await writeFile(stray, PLAIN_JPEG);
      await writeFile(inFlight, PLAIN_JPEG);
      const twoDaysAgo = new Date(Date.now() - 2 * DAY);
      await utimes(stray, twoDaysAgo, twoDaysAgo);
      // An old photo file with its row (here attached to a rating) is no stray.
      const member = await newMember();
      const attached = await uploaded(member);
      await rate(member, attached.photoUrl).expect(201);
      await backdate(attached, 2 * DAY);
      await utimes(photoFile(attached.photoUrl), twoDaysAgo, twoDaysAgo);

      expect(await runSweep()).toEqual({ removed: 0, strayFiles: 1 });
      expect(await exists(stray)).toBe(false);
      expect(await exists(inFlight)).toBe(true);
      await open(attached.photoUrl).expect(200);
    });

    /** Runs `work` inside a transaction of its own connection, which holds its locks until `work` ends. */
    const holding = async (
      work: (q: (sql: string, params: unknown[]) => Promise<unknown>) => Promise<void>,
    ) => {
      const runner = db().createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await work((sql, params) => runner.query(sql, params));
        await runner.commitTransaction();
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    };
    /**
     * Starts `call` and waits until it answers or one of its locking reads is under way (and so waits
     * for the lock held here); `pending` is its answer to come. MariaDB reads a row named by its key
     * while planning the query, before innodb_trx shows a lock wait, hence the process list.
     */
    const started = async <T>(call: PromiseLike<T>): Promise<{ pending: Promise<T> }> => {
      let settled = false;
      const pending = Promise.resolve(call).then((res) => {
        settled = true;
        return res;
      });
      for (let i = 0; i < 250 && !settled; i++) {
        const [locking] = (await db().query(
          "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() AND command = 'Query' " +
            "AND id <> CONNECTION_ID() AND (info LIKE '%FOR UPDATE%' OR info LIKE '%LOCK IN SHARE MODE%')",
        )) as Array<{ n: unknown }>;
        if (Number(locking.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(settled).toBe(false);
      return { pending };
    };

    it('keeps an old photo whose rating commits while the sweep waits for it', async () => {
      const member = await newMember();
      const photo = await uploaded(member);
      await backdate(photo, 2 * DAY);
      let sweep!: { pending: Promise<{ removed: number }> };
      // Holds the photo row as POST /feedback does while it attaches it, then stores the rating.
      await holding(async (q) => {
        await q('SELECT id FROM feedback_photos WHERE id = ? LOCK IN SHARE MODE', [photo.photoId]);
        sweep = await started(runSweep());
        await q(
          "INSERT INTO feedback (member_id, subject, ref_id, store_id, rating, comment, photo_url, created_at) VALUES (?, 'store', NULL, ?, 5, '', ?, ?)",
          [member.id, shop.store.id, photo.photoUrl, sqlTime(Date.now())],
        );
      });
      expect(await sweep.pending).toEqual({ removed: 0, strayFiles: 0 });
      await open(photo.photoUrl).expect(200);
    });

    it('refuses a rating that names a photo the sweep is deleting at that moment', async () => {
      const member = await newMember();
      const photo = await uploaded(member);
      let rating!: { pending: Promise<Response> };
      // Deletes the photo as the sweep does (row locked first), while the rating arrives.
      await holding(async (q) => {
        await q('SELECT id FROM feedback_photos WHERE id = ? FOR UPDATE', [photo.photoId]);
        rating = await started(rate(member, photo.photoUrl));
        await q('DELETE FROM feedback_photos WHERE id = ?', [photo.photoId]);
      });
      const res = await rating.pending;
      expectContractError(res, 404, 'NOT_FOUND');
      expect(res.body.error.details).toEqual({ field: 'photoUrl' });
    });

    it('is listed among the jobs, daily', async () => {
      const res = await club.request.get(`${API}/jobs`).set(bearer(managerToken)).expect(200);
      expect(res.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'feedback-photos', schedule: 'daily' })]),
      );
    });
  });
});
