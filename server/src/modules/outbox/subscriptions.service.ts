import { Injectable } from '@nestjs/common';
import type { MemberSubscriptions, SubscriptionResultsInput } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdentitiesService } from '../auth/identities.service';
import { SubscriptionsRepository } from './subscriptions.repository';

/** The member's answers to the platform's subscribe dialog, which decide who gets platform messages. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly identities: IdentitiesService,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async record(
    user: AuthUser,
    input: SubscriptionResultsInput,
    now: Date = new Date(),
  ): Promise<MemberSubscriptions> {
    const identity = await this.identities.require(user.identityId);
    // The dialog may list a template twice; its last answer is the one that counts.
    const answers = [...new Map(input.results.map((r) => [r.template, r])).values()];
    return this.dataSource.transaction(async (em) => {
      await this.subscriptions.upsert(em, user.sub, identity.platform, answers, now);
      const rows = await this.subscriptions.listForMember(em, user.sub, identity.platform);
      return {
        items: rows.map((row) => ({
          template: row.template,
          platform: row.platform,
          accepted: row.accepted,
          updatedAt: row.updatedAt.toISOString(),
        })),
      };
    });
  }
}
