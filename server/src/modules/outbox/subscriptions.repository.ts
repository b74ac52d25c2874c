import { Injectable } from '@nestjs/common';
import type { Platform } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { MemberSubscriptionEntity } from './entities/member-subscription.entity';

@Injectable()
export class SubscriptionsRepository {
  /** Records each answer, replacing the member's earlier answer for that template on that platform. */
  async upsert(
    em: EntityManager,
    memberId: string,
    platform: Platform,
    answers: Array<{ template: string; accepted: boolean }>,
    at: Date,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(MemberSubscriptionEntity)
      .values(
        answers.map((a) => ({
          memberId,
          platform,
          template: a.template,
          accepted: a.accepted,
          updatedAt: at,
        })),
      )
      .orUpdate(['accepted', 'updated_at'], ['member_id', 'template', 'platform'])
      // Nothing to read back (an upsert may insert no row), and SQLite cannot say which ids it made.
      .updateEntity(false)
      .execute();
  }

  listForMember(
    em: EntityManager,
    memberId: string,
    platform: Platform,
  ): Promise<MemberSubscriptionEntity[]> {
    return em.getRepository(MemberSubscriptionEntity).find({
      where: { memberId, platform },
      order: { template: 'ASC' },
    });
  }
}
