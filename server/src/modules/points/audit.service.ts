import { Injectable } from '@nestjs/common';
import type { AuditLogEntry, AuditLogQuery, Paginated } from '@vip-club/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { parseCursor, toPage } from '../../common/pagination/page';
import { AuditRepository } from './audit.repository';
import type { AuditLogEntryEntity } from './entities/audit-log-entry.entity';

/** One staff action for the audit log. */
export interface AuditRecord {
  /** `staff:<id>` (see `auditActor`), `api-key:<id>` or `system`. */
  actor: string;
  /** What was done, `verb` or `entity.verb`: `points.adjust`, `rules.update`, `reward.update`. */
  action: string;
  /** The kind of thing changed: `member`, `rules`, `api_key`, `reward`... */
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** How a logged-in staff member is named in the audit log. */
export function auditActor(user: Pick<AuthUser, 'sub'>): string {
  return `staff:${user.sub}`;
}

/**
 * The audit log of every staff action that changed points, stock or rules. Other modules record in
 * their own transaction, so the entry exists exactly when the change does.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async record(em: EntityManager, entry: AuditRecord, at: Date = new Date()): Promise<void> {
    await this.audit.insert(em, {
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      createdAt: at,
    });
  }

  async list(query: AuditLogQuery): Promise<Paginated<AuditLogEntry>> {
    const rows = await this.audit.list(
      this.dataSource.manager,
      { entity: query.entity, actor: query.actor },
      parseCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toAuditLogEntry);
  }
}

function toAuditLogEntry(row: AuditLogEntryEntity): AuditLogEntry {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
