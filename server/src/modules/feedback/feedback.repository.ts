import { Injectable } from '@nestjs/common';
import { feedbackPhotoPath } from '@vip-club/shared';
import { DataSource, type EntityManager, In, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { EventRegistrationEntity } from '../events/entities/event-registration.entity';
import { EventEntity } from '../events/entities/event.entity';
import { FollowUpEntity } from '../follow-ups/entities/follow-up.entity';
import { MemberEntity } from '../members/entities/member.entity';
import { PurchaseEntity } from '../points/entities/purchase.entity';
import { StoreEntity } from '../stores/entities/store.entity';
import { FeedbackPhotoEntity } from './entities/feedback-photo.entity';
import { FeedbackEntity } from './entities/feedback.entity';

/** Feedback rows, and the look-ups that tie a rating to what it is about. */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, values: Omit<FeedbackEntity, 'id'>): Promise<FeedbackEntity> {
    const result = await em.insert(FeedbackEntity, values);
    return { ...values, id: String(result.identifiers[0].id) };
  }

  async setFollowUp(em: EntityManager, id: string, followUpId: string): Promise<void> {
    await em.update(FeedbackEntity, { id }, { followUpId });
  }

  /** The store of the member's own purchase `purchaseId`; undefined when it is not theirs or absent. */
  async purchaseStore(em: EntityManager, memberId: string, purchaseId: string): Promise<string | undefined> {
    const purchase = await em.findOne(PurchaseEntity, {
      where: { id: purchaseId, memberId },
      select: { id: true, storeId: true },
    });
    return purchase?.storeId;
  }

  /** Whether the member was checked in at the event. */
  async attended(em: EntityManager, memberId: string, eventId: string): Promise<boolean> {
    return em.exists(EventRegistrationEntity, { where: { eventId, memberId, checkedInAt: Not(IsNull()) } });
  }

  /** The hosting store of an event; null when it has none, undefined when there is no such event. */
  async eventStore(em: EntityManager, eventId: string): Promise<string | null | undefined> {
    const event = await em.findOne(EventEntity, {
      where: { id: eventId },
      select: { id: true, storeId: true },
    });
    return event ? event.storeId : undefined;
  }

  storeExists(em: EntityManager, storeId: string): Promise<boolean> {
    return em.exists(StoreEntity, { where: { id: storeId } });
  }

  async homeStore(em: EntityManager, memberId: string): Promise<string | null> {
    const member = await em.findOne(MemberEntity, {
      where: { id: memberId },
      select: { id: true, storeId: true },
    });
    return member?.storeId ?? null;
  }

  /**
   * Keeps the photo's row unless the member has been erased (null then). Her row is read under a
   * shared lock, which the erasure's lock in `erasePhotos` waits for: a photo uploaded while she
   * leaves is either swept with her or refused, never left behind.
   */
  async insertPhotoOfLiveMember(values: Omit<FeedbackPhotoEntity, 'id'>): Promise<string | null> {
    return this.dataSource.transaction(async (em) => {
      if (!(await this.lockLiveMember(em, values.memberId, 'pessimistic_read'))) return null;
      const result = await em.insert(FeedbackPhotoEntity, values);
      return String(result.identifiers[0].id);
    });
  }

  findPhoto(id: string): Promise<FeedbackPhotoEntity | null> {
    return this.dataSource.getRepository(FeedbackPhotoEntity).findOneBy({ id });
  }

  /**
   * Whether the photo with this id and key was uploaded by the member; if so it is marked attached
   * (`attached_at`, kept from the first rating naming it) in the rating's transaction. Its row is
   * locked for that update from the start, as the sweep of unattached photos (`deleteUnattachedPhotos`)
   * locks it: a photo being attached is either kept (the rating committed first) or already gone (404).
   * A shared lock upgraded for the update would deadlock with a sweep already waiting for the row.
   */
  async attachOwnPhoto(
    em: EntityManager,
    memberId: string,
    id: string,
    accessKey: string,
    at: Date,
  ): Promise<boolean> {
    const query = em
      .getRepository(FeedbackPhotoEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.attachedAt'])
      .where('p.id = :id AND p.memberId = :memberId AND p.accessKey = :accessKey', {
        id,
        memberId,
        accessKey,
      });
    if (!isSqlite(em)) query.setLock('pessimistic_write');
    const photo = await query.getOne();
    if (photo === null) return false;
    if (photo.attachedAt === null) await em.update(FeedbackPhotoEntity, { id }, { attachedAt: at });
    return true;
  }

  /** Of these access keys, those a photo row has. */
  async existingPhotoKeys(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.dataSource.getRepository(FeedbackPhotoEntity).find({
      select: { id: true, accessKey: true },
      where: { accessKey: In(keys) },
    });
    return rows.map((r) => r.accessKey);
  }

  /**
   * The ids of the photos uploaded before `before` that no rating has attached, in id order after
   * `afterId`: what the sweep looks at, a range of `ix_feedback_photos_unattached` (not every photo kept).
   */
  async unattachedPhotosUploadedBefore(before: Date, afterId: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(FeedbackPhotoEntity).find({
      select: { id: true },
      where: { attachedAt: IsNull(), createdAt: LessThan(before), id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Deletes those of the photos `ids` that no rating names, in the caller's transaction, and answers
   * their keys (the files to delete once it commits). The rows are locked first (a rating attaching one
   * at this moment has marked it once it commits, or finds it gone), then the ratings are read with a
   * locking read, which also keeps a photo a rating names without having marked it. A rating names only
   * its author's photo, so the ratings are looked up by the photos' members.
   */
  async deleteUnattachedPhotos(em: EntityManager, ids: string[]): Promise<string[]> {
    const photos = em
      .getRepository(FeedbackPhotoEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.memberId', 'p.accessKey', 'p.attachedAt'])
      .where('p.id IN (:...ids)', { ids })
      .orderBy('p.id');
    if (!isSqlite(em)) photos.setLock('pessimistic_write');
    const locked = (await photos.getMany()).filter((p) => p.attachedAt === null);
    if (locked.length === 0) return [];
    const paths = locked.map((p) => feedbackPhotoPath(p.id, p.accessKey));
    const ratings = em
      .getRepository(FeedbackEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.photoUrl'])
      .where('f.memberId IN (:...memberIds) AND f.photoUrl IN (:...paths)', {
        memberIds: [...new Set(locked.map((p) => p.memberId))],
        paths,
      });
    if (!isSqlite(em)) ratings.setLock('pessimistic_read');
    const attached = new Set((await ratings.getMany()).map((f) => f.photoUrl));
    const unattached = locked.filter((_, i) => !attached.has(paths[i]));
    if (unattached.length > 0) {
      await em.delete(FeedbackPhotoEntity, { id: In(unattached.map((p) => p.id)) });
    }
    return unattached.map((p) => p.accessKey);
  }

  /**
   * Forgets the member's photos in the erasure's transaction: their rows, and the addresses on their
   * ratings and follow-ups. Answers the keys, which name the files to delete.
   */
  async erasePhotos(em: EntityManager, memberId: string): Promise<string[]> {
    await this.lockLiveMember(em, memberId, 'pessimistic_write');
    // A locking read sees every photo committed so far, whatever snapshot the erasure began with.
    const photos = em
      .getRepository(FeedbackPhotoEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.accessKey'])
      .where('p.memberId = :memberId', { memberId });
    if (!isSqlite(em)) photos.setLock('pessimistic_write');
    const rows = await photos.getMany();
    await em.update(FeedbackEntity, { memberId, photoUrl: Not(IsNull()) }, { photoUrl: null });
    await em.update(FollowUpEntity, { memberId, photoUrl: Not(IsNull()) }, { photoUrl: null });
    if (rows.length > 0) await em.delete(FeedbackPhotoEntity, { memberId });
    return rows.map((r) => r.accessKey);
  }

  /**
   * Whether the member is still in the club, her row locked till the transaction ends (SQLite's one
   * writer needs no lock): shared by what she adds (a photo, a rating), exclusive by her erasure.
   */
  async lockLiveMember(
    em: EntityManager,
    memberId: string,
    mode: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<boolean> {
    const query = em
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .select(['m.id', 'm.erasedAt'])
      .where('m.id = :memberId', { memberId });
    if (!isSqlite(em)) query.setLock(mode);
    const member = await query.getOne();
    return member !== null && member.erasedAt === null;
  }
}

function isSqlite(em: EntityManager): boolean {
  return em.connection.driver.options.type === 'better-sqlite3';
}
