import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { validationError } from '../../common/pipes/zod-validation.pipe';
import { OutboxService } from '../outbox/outbox.service';
import { StaffEntity } from '../staff/entities/staff.entity';
import { ClerkHandoverEntity } from './entities/clerk-handover.entity';

export interface HandoverResult {
  moved: number;
  byClerk: Array<{ staffId: string; count: number }>;
}

/** Keeps each UPDATE's IN list and each outbox insert of a bounded size. */
const BATCH = 500;

@Injectable()
export class HandoverService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async handOver(
    managerId: string,
    fromId: string,
    targetIds: string[],
    field: string,
  ): Promise<HandoverResult> {
    const unique = [...new Set(targetIds)];
    return this.ds.transaction(async (em) => {
      const from = await em.findOne(StaffEntity, { where: { id: fromId } });
      if (!from) throw new DomainError(ErrorCode.NOT_FOUND, `No staff with id ${fromId}`);
      if (from.role !== 'clerk')
        throw new DomainError(ErrorCode.CONFLICT, 'Only a clerk has members to hand over');
      if (unique.includes(fromId)) {
        throw validationError([{ path: field, message: 'A clerk cannot hand members to themself' }]);
      }
      // Share-locks the receiving clerks' rows (MySQL): a PATCH /staff/{id} deactivating or moving one of them
      // either commits first (read here as inactive: refused) or waits for this handover and then counts the
      // members it received (409 CLERK_HAS_MEMBERS). Unlocked, this read could hand members to a clerk whose
      // deactivation committed meanwhile.
      const targetQuery = em
        .createQueryBuilder(StaffEntity, 's')
        .where('s.id IN (:...ids)', { ids: unique })
        .orderBy('s.id');
      if (em.connection.options.type !== 'better-sqlite3') targetQuery.setLock('pessimistic_read');
      const targets = (await targetQuery.getMany()).filter((t) => t.role === 'clerk' && t.active);
      if (targets.length !== unique.length) {
        throw validationError([{ path: field, message: 'Every target must be an active clerk' }]);
      }
      const byId = new Map(targets.map((t) => [t.id, t]));
      const ordered = unique.map((id) => byId.get(id)!);

      // Locks the source clerk's members so a concurrent handover of the same clerk waits, then moves nothing twice.
      // SQLite has no FOR UPDATE; its single writer serialises the transaction anyway.
      const lock = em.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
      const rows: Array<{ id: string | number }> = await em.query(
        `SELECT id FROM members WHERE clerk_id = ? ORDER BY id${lock}`,
        [fromId],
      );
      const memberIds = rows.map((r) => String(r.id));

      const assigned = new Map<string, string[]>(ordered.map((t) => [t.id, []]));
      memberIds.forEach((memberId, i) => assigned.get(ordered[i % ordered.length]!.id)!.push(memberId));
      const byClerk = ordered.map((t) => ({ staffId: t.id, count: assigned.get(t.id)!.length }));

      const now = new Date();
      const audit = await em.save(
        em.create(ClerkHandoverEntity, {
          fromStaffId: fromId,
          byStaffId: managerId,
          moved: memberIds.length,
          byClerk: JSON.stringify(byClerk),
          createdAt: now,
        }),
      );

      for (const target of ordered) {
        const ids = assigned.get(target.id)!;
        for (let i = 0; i < ids.length; i += BATCH) {
          const batch = ids.slice(i, i + BATCH);
          await em.query(
            `UPDATE members SET clerk_id = ? WHERE clerk_id = ? AND id IN (${batch.map(() => '?').join(',')})`,
            [target.id, fromId, ...batch],
          );
          await this.outbox.enqueue(
            em,
            batch.map((memberId) => ({
              memberId,
              topic: 'clerk_changed',
              ref: `clerk-changed:${audit.id}:${memberId}`,
              title: '您的专属顾问已更换',
              body: `您的专属顾问现在是 ${target.name}，欢迎随时联系。`,
              data: { staffId: target.id, name: target.name },
            })),
            now,
          );
        }
      }
      return { moved: memberIds.length, byClerk };
    });
  }
}
