// The migration adding `feedback_photos.attached_at` marks the photos ratings already named (both
// drivers): without it, every photo attached before the upgrade would look unattached to the sweep,
// which would then read and lock them all again (a rating still keeps its photo, but at that cost).
import type { Feedback, FeedbackPhoto } from '@vip-club/shared';
import { DataSource, In } from 'typeorm';
import { AddFeedbackPhotosAttachedAt17954019700000 as MysqlMigration } from '../../src/database/migrations/mysql/17954019700000-AddFeedbackPhotosAttachedAt';
import { AddFeedbackPhotosAttachedAt17954019700000 as SqliteMigration } from '../../src/database/migrations/sqlite/17954019700000-AddFeedbackPhotosAttachedAt';
import { FeedbackPhotoEntity } from '../../src/modules/feedback/entities/feedback-photo.entity';
import { FeedbackEntity } from '../../src/modules/feedback/entities/feedback.entity';
import { API, bearer, createStoreAndClerk, joinMember, loginManager } from '../factories/club.factory';
import { PLAIN_JPEG } from '../factories/photos.factory';
import { startTestApp, testDbDriver, type TestApp } from '../setup/test-app';

describe('migration AddFeedbackPhotosAttachedAt: photos attached before it', () => {
  let club: TestApp;

  beforeAll(async () => {
    club = await startTestApp();
  });
  afterAll(async () => {
    await club?.close();
  });

  it('get the time of the first rating naming them; those no rating names stay unattached', async () => {
    const managerToken = (await loginManager(club.request)).accessToken;
    const shop = await createStoreAndClerk(club.request, managerToken);
    const [member, other] = await Promise.all([
      joinMember(club.request, { storeId: shop.store.id }),
      joinMember(club.request, { storeId: shop.store.id }),
    ]);
    const upload = async (m: { accessToken: string }): Promise<FeedbackPhoto> =>
      (
        await club.request
          .post(`${API}/feedback/photos`)
          .set(bearer(m.accessToken))
          .attach('photo', PLAIN_JPEG, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' })
          .expect(201)
      ).body as FeedbackPhoto;
    const rate = async (m: { accessToken: string }, photoUrl: string): Promise<Feedback> =>
      (
        await club.request
          .post(`${API}/feedback`)
          .set(bearer(m.accessToken))
          .send({ subject: 'store', refId: shop.store.id, rating: 5, comment: '很好', photoUrl })
          .expect(201)
      ).body as Feedback;

    const twice = await upload(member);
    const first = await rate(member, twice.photoUrl);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await rate(member, twice.photoUrl);
    const once = await upload(other);
    const rated = await rate(other, once.photoUrl);
    const unused = await upload(member);

    // The database as it was before the migration (no column, no marks), then the migration.
    const ds = club.app.get(DataSource);
    const migration = testDbDriver() === 'mysql' ? new MysqlMigration() : new SqliteMigration();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const photos = await ds
      .getRepository(FeedbackPhotoEntity)
      .findBy({ id: In([twice.photoId, once.photoId, unused.photoId]) });
    const attachedAt = (id: string) => photos.find((p) => p.id === id)?.attachedAt?.toISOString() ?? null;
    const ratedAt = async (id: string) =>
      (await ds.getRepository(FeedbackEntity).findOneByOrFail({ id })).createdAt.toISOString();
    expect(attachedAt(twice.photoId)).toBe(await ratedAt(first.id));
    expect(attachedAt(once.photoId)).toBe(await ratedAt(rated.id));
    expect(attachedAt(unused.photoId)).toBeNull();
  });
});
