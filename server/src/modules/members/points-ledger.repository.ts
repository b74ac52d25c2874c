import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { PointsLedgerEntryEntity } from './entities/points-ledger-entry.entity';

@Injectable()
export class PointsLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(PointsLedgerEntryEntity);
  }

  /** Newest first, `limit` entries older than the `beforeId` cursor. */
  listForMember(
    memberId: string,
    beforeId: string | undefined,
    limit: number,
    em?: EntityManager,
  ): Promise<PointsLedgerEntryEntity[]> {
    return this.repo(em).find({
      where: beforeId === undefined ? { memberId } : { memberId, id: LessThan(beforeId) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  listAllForMember(memberId: string, em?: EntityManager): Promise<PointsLedgerEntryEntity[]> {
    return this.repo(em).find({ where: { memberId }, order: { id: 'ASC' } });
  }
}
