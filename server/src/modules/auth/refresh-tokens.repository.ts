import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { RefreshTokenEntity, type TokenSubjectKind } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(RefreshTokenEntity);
  }

  async insert(
    values: Omit<RefreshTokenEntity, 'id' | 'usedAt' | 'revokedAt'>,
    em?: EntityManager,
  ): Promise<void> {
    await this.repo(em).insert({ ...values, usedAt: null, revokedAt: null });
  }

  findByHash(tokenHash: string, em?: EntityManager): Promise<RefreshTokenEntity | null> {
    return this.repo(em).findOneBy({ tokenHash });
  }

  /** Spends a live token; false when it was spent or revoked meanwhile (a concurrent reuse). */
  async markUsed(id: string, now: Date, em?: EntityManager): Promise<boolean> {
    const result = await this.repo(em).update({ id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(family: string, now: Date, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ family, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeSubjects(
    kind: TokenSubjectKind,
    subjectIds: string[],
    now: Date,
    em?: EntityManager,
  ): Promise<void> {
    if (subjectIds.length === 0) return;
    await this.repo(em).update(
      { subjectKind: kind, subjectId: In(subjectIds), revokedAt: IsNull() },
      { revokedAt: now },
    );
  }
}
