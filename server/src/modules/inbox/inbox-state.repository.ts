import { Injectable } from '@nestjs/common';
import type { InboxReplyKind } from '@vip-club/shared';
import { In, type EntityManager } from 'typeorm';
import { MemberNoticeEntity } from '../points/entities/member-notice.entity';
import { InboxReadMarkEntity } from './entities/inbox-read-mark.entity';
import { InboxReplyEntity } from './entities/inbox-reply.entity';

/** Read marks and replies of the members' inboxes. */
@Injectable()
export class InboxStateRepository {
  async lastReadId(em: EntityManager, memberId: string): Promise<string | null> {
    const mark = await em.getRepository(InboxReadMarkEntity).findOne({ where: { memberId } });
    return mark?.lastReadId ?? null;
  }

  countAbove(em: EntityManager, memberId: string, lastReadId: string | null): Promise<number> {
    const query = em
      .getRepository(MemberNoticeEntity)
      .createQueryBuilder('n')
      .where('n.member_id = :memberId', { memberId });
    if (lastReadId !== null) query.andWhere('n.id > :lastReadId', { lastReadId });
    return query.getCount();
  }

  /** The member's newest notice at or below `upToId`, so a mark never runs ahead of what was shown. */
  async newestNoticeAtOrBelow(em: EntityManager, memberId: string, upToId: string): Promise<string | null> {
    const row = await em
      .getRepository(MemberNoticeEntity)
      .createQueryBuilder('n')
      .select('MAX(n.id)', 'id')
      .where('n.member_id = :memberId AND n.id <= :upToId', { memberId, upToId })
      .getRawOne<{ id: string | number | null }>();
    return row?.id === null || row?.id === undefined ? null : String(row.id);
  }

  /**
   * Raises the member's mark to `noticeId`; never lowers it. The row is created once (a second
   * insert is ignored) and then moved by one conditional update, so two screens at once leave the
   * higher mark whichever lands last.
   */
  async raiseMark(em: EntityManager, memberId: string, noticeId: string, now: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(InboxReadMarkEntity)
      .values({ memberId, lastReadId: noticeId, updatedAt: now })
      .orIgnore()
      .execute();
    await em
      .createQueryBuilder()
      .update(InboxReadMarkEntity)
      .set({ lastReadId: noticeId, updatedAt: now })
      .where('member_id = :memberId AND last_read_id < :noticeId', { memberId, noticeId })
      .execute();
  }

  findNotice(em: EntityManager, memberId: string, noticeId: string): Promise<MemberNoticeEntity | null> {
    return em.getRepository(MemberNoticeEntity).findOne({ where: { id: noticeId, memberId } });
  }

  /** Stores the reply unless that notice already has one of that kind; answers the stored one. */
  async insertReply(
    em: EntityManager,
    reply: { noticeId: string; memberId: string; kind: InboxReplyKind; createdAt: Date },
  ): Promise<InboxReplyEntity> {
    await em.createQueryBuilder().insert().into(InboxReplyEntity).values(reply).orIgnore().execute();
    return em
      .getRepository(InboxReplyEntity)
      .findOneOrFail({ where: { noticeId: reply.noticeId, kind: reply.kind } });
  }

  /** The member's replies to those notices; another member's notice simply has none here. */
  repliesTo(em: EntityManager, memberId: string, noticeIds: string[]): Promise<InboxReplyEntity[]> {
    return em
      .getRepository(InboxReplyEntity)
      .find({ where: { memberId, noticeId: In(noticeIds) }, order: { noticeId: 'DESC', kind: 'ASC' } });
  }
}
