import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  WORKLIST_CALL_ME_DAYS,
  WORKLIST_CLEANING_FROM_DAYS,
  WORKLIST_CLEANING_TO_DAYS,
  type Worklist,
  type WorklistEntry,
  worklistReasons,
} from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { maskPhone } from '../members/members.mapper';
import { WorklistRepository } from './worklist.repository';

const DAY = 86_400_000;

/**
 * A clerk's own members to reach today: SQL gathers the facts, the shared rule decides the reasons.
 * A member of the clerk's store who has no clerk reaches every clerk of the store with their call
 * request only (the rest is for the clerk a manager assigns them).
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly worklist: WorklistRepository,
    private readonly config: AppConfig,
  ) {}

  async forClerk(user: AuthUser, now = new Date()): Promise<Worklist> {
    if (user.role !== 'clerk') throw new DomainError(ErrorCode.FORBIDDEN, 'The worklist is a clerk’s own');
    const timeZone = this.config.club.timezone;
    const spendSince = new Date(now);
    spendSince.setUTCFullYear(spendSince.getUTCFullYear() - 1);
    // A day wider on each side than the window: the rule counts club-calendar days exactly.
    const facts = await this.worklist.factsOf(
      { id: user.sub, storeId: user.storeId ?? null },
      {
        spendSince,
        nearFrom: new Date(now.getTime() - (WORKLIST_CLEANING_TO_DAYS + 2) * DAY),
        nearTo: new Date(now.getTime() - (WORKLIST_CLEANING_FROM_DAYS - 2) * DAY),
        callMeSince: new Date(now.getTime() - (WORKLIST_CALL_ME_DAYS + 1) * DAY),
      },
    );
    const items: WorklistEntry[] = [];
    for (const member of facts.members) {
      const purchase = facts.purchases.get(member.id);
      const reasons = worklistReasons(
        {
          birthday:
            member.birthMonth !== null && member.birthDay !== null
              ? { month: member.birthMonth, day: member.birthDay }
              : null,
          joinedAt: member.joinedAt,
          lastPurchaseAt: purchase?.lastAt ?? null,
          lastContactAt: facts.lastContacts.get(member.id) ?? null,
          purchasesNearCleaning: facts.purchasesNear.get(member.id) ?? [],
          hasOpenFollowUp: facts.openFollowUps.has(member.id),
          lastCallMeAt: facts.lastCallMe.get(member.id) ?? null,
        },
        now,
        timeZone,
      ).filter((reason) => member.isOwn || reason === 'call_me');
      if (reasons.length === 0) continue;
      items.push({
        member: {
          id: member.id,
          memberNo: member.memberNo,
          name: member.name,
          tier: member.tier,
          phoneMasked: member.phone === null ? null : maskPhone(member.phone),
        },
        reasons,
        spend12m: purchase?.spend ?? 0,
      });
    }
    items.sort((a, b) => b.spend12m - a.spend12m || Number(a.member.id) - Number(b.member.id));
    return { items };
  }
}
