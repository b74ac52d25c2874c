import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MemberNoticeEntity } from './entities/member-notice.entity';

export type NewNotice = Omit<MemberNoticeEntity, 'id' | 'member'>;

@Injectable()
export class NoticesRepository {
  /** Inserts the notices whose `ref` is new; a notice already sent is left alone. */
  async insertNew(em: EntityManager, notices: NewNotice[]): Promise<void> {
    if (notices.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(MemberNoticeEntity)
      .values(notices as QueryDeepPartialEntity<MemberNoticeEntity>[])
      .orIgnore()
      .execute();
  }

  async countByRefs(em: EntityManager, refs: string[]): Promise<number> {
    if (refs.length === 0) return 0;
    return em
      .getRepository(MemberNoticeEntity)
      .createQueryBuilder('n')
      .where('n.ref IN (:...refs)', { refs })
      .getCount();
  }

  /** Newest first, `limit` notices older than the `beforeId` cursor. */
  listForMember(em: EntityManager, memberId: string, beforeId: string | undefined, limit: number) {
    const query = em
      .getRepository(MemberNoticeEntity)
      .createQueryBuilder('n')
      .where('n.member_id = :memberId', { memberId });
    if (beforeId !== undefined) query.andWhere('n.id < :beforeId', { beforeId });
    return query.orderBy('n.id', 'DESC').take(limit).getMany();
  }
}
