import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditLogEntryEntity } from './entities/audit-log-entry.entity';

export type NewAuditEntry = Omit<AuditLogEntryEntity, 'id'>;

@Injectable()
export class AuditRepository {
  async insert(em: EntityManager, values: NewAuditEntry): Promise<AuditLogEntryEntity> {
    const result = await em
      .getRepository(AuditLogEntryEntity)
      .insert(values as QueryDeepPartialEntity<AuditLogEntryEntity>);
    return { ...values, id: String(result.identifiers[0].id) };
  }

  /** Newest first, `limit` entries older than the `beforeId` cursor, optionally of one entity or actor. */
  list(
    em: EntityManager,
    filter: { entity?: string; actor?: string },
    beforeId: string | undefined,
    limit: number,
  ): Promise<AuditLogEntryEntity[]> {
    const query = em.getRepository(AuditLogEntryEntity).createQueryBuilder('a');
    if (filter.entity !== undefined) query.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.actor !== undefined) query.andWhere('a.actor = :actor', { actor: filter.actor });
    if (beforeId !== undefined) query.andWhere('a.id < :beforeId', { beforeId });
    return query.orderBy('a.id', 'DESC').take(limit).getMany();
  }
}
