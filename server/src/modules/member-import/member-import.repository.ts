import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { MemberImportRowEntity } from './entities/member-import-row.entity';

export type NewImportRow = Omit<MemberImportRowEntity, 'id' | 'member'>;

const LOOKUP_CHUNK = 1000;

/** The record of which phones each import has already handled. */
@Injectable()
export class MemberImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The phones of `phones` that this import has already handled. */
  async handledPhones(importRef: string, phones: readonly string[]): Promise<Set<string>> {
    const repo = this.dataSource.getRepository(MemberImportRowEntity);
    const handled = new Set<string>();
    for (let i = 0; i < phones.length; i += LOOKUP_CHUNK) {
      const rows = await repo.find({
        select: { phone: true },
        where: { importRef, phone: In(phones.slice(i, i + LOOKUP_CHUNK)) },
      });
      for (const row of rows) handled.add(row.phone);
    }
    return handled;
  }

  /** The file an import reference was first used with; null for a new reference. */
  async fileHashOf(importRef: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(MemberImportRowEntity)
      .findOne({ select: { fileHash: true }, where: { importRef } });
    return row?.fileHash ?? null;
  }

  async insert(em: EntityManager, values: NewImportRow): Promise<void> {
    await em.getRepository(MemberImportRowEntity).insert(values);
  }
}
