import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  IdempotencyKeySchema,
  type LedgerEntry,
  type PointsAdjustmentInput,
} from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseInput } from '../../common/pipes/parse-input';
import { toLedgerEntry } from '../members/members.mapper';
import { AuditService, auditActor } from './audit.service';
import { PointsLedgerRepository } from './points-ledger.repository';
import { PointsLedgerService } from './points-ledger.service';
import { retryOnDeadlock } from './transaction-retry';

/** A manager's correction of a member's points: one `adjust` ledger entry and its audit record. */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly balances: PointsLedgerRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * A correction applies even where it takes the balance below zero (points credited by mistake and
   * already spent must still come off). With an `Idempotency-Key`, a retry returns the first entry.
   */
  async adjust(
    manager: AuthUser,
    memberId: string,
    input: PointsAdjustmentInput,
    idempotencyKeyHeader?: string,
  ): Promise<LedgerEntry> {
    const key =
      idempotencyKeyHeader === undefined
        ? randomUUID()
        : parseInput(IdempotencyKeySchema, idempotencyKeyHeader, 'Idempotency-Key');
    const ref = `adjust:${memberId}:${key}`;
    const now = new Date();
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        const first = await this.balances.findEntry(em, 'adjust', ref);
        if (first) return toLedgerEntry(first);
        if ((await this.balances.balanceOf(em, memberId)) === null) {
          throw new DomainError(ErrorCode.NOT_FOUND, 'No such member');
        }
        const base = { memberId, points: Math.abs(input.delta), kind: 'adjust' as const, ref, at: now };
        const entry =
          input.delta > 0
            ? await this.ledger.credit(em, base)
            : await this.ledger.debit(em, { ...base, allowNegative: true });
        await this.audit.record(
          em,
          {
            actor: auditActor(manager),
            action: 'points.adjust',
            entity: 'member',
            entityId: memberId,
            before: { points: entry.balanceAfter - entry.delta },
            after: {
              points: entry.balanceAfter,
              delta: entry.delta,
              reason: input.reason,
              ledgerEntryId: entry.id,
            },
          },
          now,
        );
        return entry;
      }),
    );
  }
}
