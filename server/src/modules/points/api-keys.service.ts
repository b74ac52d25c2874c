import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type ApiKeyCreated, type CreateApiKeyInput, ErrorCode } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { StoresService } from '../stores/stores.service';
import type { ApiKeyCaller } from './actor';
import { ApiKeysRepository } from './api-keys.repository';
import { AuditService, auditActor } from './audit.service';

const KEY_PREFIX = 'vck_';

/** Keys are 192 random bits, so a fast hash is enough: nothing to brute-force, unlike a password. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Store tills' keys for recording purchases: issued and revoked by managers, shown once, kept hashed. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly stores: StoresService,
    private readonly audit: AuditService,
  ) {}

  async issue(manager: AuthUser, storeId: string, input: CreateApiKeyInput): Promise<ApiKeyCreated> {
    await this.stores.require(storeId, 'id');
    const key = KEY_PREFIX + randomBytes(24).toString('base64url');
    const now = new Date();
    const row = await this.dataSource.transaction(async (em) => {
      const created = await this.keys.insert(em, {
        storeId,
        name: input.name ?? null,
        keyHash: hashApiKey(key),
        createdAt: now,
        createdBy: manager.sub,
        revokedAt: null,
      });
      await this.audit.record(
        em,
        {
          actor: auditActor(manager),
          action: 'api_key.issue',
          entity: 'api_key',
          entityId: created.id,
          before: null,
          after: { storeId, name: created.name },
        },
        now,
      );
      return created;
    });
    return { id: row.id, storeId, name: row.name, key, createdAt: now.toISOString() };
  }

  /** Revoking twice is harmless; the key stops working at once. */
  async revoke(manager: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.keys.findById(em, id);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such API key');
      if (row.revokedAt !== null) return;
      const now = new Date();
      await this.keys.revoke(em, id, now);
      await this.audit.record(
        em,
        {
          actor: auditActor(manager),
          action: 'api_key.revoke',
          entity: 'api_key',
          entityId: id,
          before: { storeId: row.storeId, revokedAt: null },
          after: { storeId: row.storeId, revokedAt: now.toISOString() },
        },
        now,
      );
    });
  }

  /** The till a key belongs to; 401 UNAUTHENTICATED for an unknown or revoked key. */
  async verify(key: string): Promise<ApiKeyCaller> {
    const row = key.startsWith(KEY_PREFIX)
      ? await this.keys.findByHash(this.dataSource.manager, hashApiKey(key))
      : null;
    if (!row || row.revokedAt !== null) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This API key is unknown or revoked');
    }
    return { id: row.id, storeId: row.storeId };
  }
}
