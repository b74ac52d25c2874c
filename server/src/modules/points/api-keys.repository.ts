import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';

export type NewApiKey = Omit<ApiKeyEntity, 'id' | 'store'>;

@Injectable()
export class ApiKeysRepository {
  async insert(em: EntityManager, values: NewApiKey): Promise<ApiKeyEntity> {
    const result = await em.getRepository(ApiKeyEntity).insert(values);
    return { ...values, id: String(result.identifiers[0].id) };
  }

  findById(em: EntityManager, id: string): Promise<ApiKeyEntity | null> {
    return em.getRepository(ApiKeyEntity).findOneBy({ id });
  }

  findByHash(em: EntityManager, keyHash: string): Promise<ApiKeyEntity | null> {
    return em.getRepository(ApiKeyEntity).findOneBy({ keyHash });
  }

  async revoke(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(ApiKeyEntity).update({ id }, { revokedAt: at });
  }
}
