import { Injectable } from '@nestjs/common';
import type { Platform } from '@vip-club/shared';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { MemberIdentityEntity } from './entities/member-identity.entity';

@Injectable()
export class IdentitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MemberIdentityEntity);
  }

  findById(id: string, em?: EntityManager): Promise<MemberIdentityEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByPlatformUser(
    platform: Platform,
    platformUserId: string,
    em?: EntityManager,
  ): Promise<MemberIdentityEntity | null> {
    return this.repo(em).findOneBy({ platform, platformUserId });
  }

  insert(
    platform: Platform,
    platformUserId: string,
    now: Date,
    em?: EntityManager,
  ): Promise<MemberIdentityEntity> {
    return this.repo(em).save(
      this.repo(em).create({ platform, platformUserId, memberId: null, createdAt: now }),
    );
  }

  /** Binds the identity to a member only if it is still unbound; false when someone got there first. */
  async bindIfUnbound(identityId: string, memberId: string, em?: EntityManager): Promise<boolean> {
    const result = await this.repo(em).update({ id: identityId, memberId: IsNull() }, { memberId });
    return (result.affected ?? 0) === 1;
  }

  listByMember(memberId: string, em?: EntityManager): Promise<MemberIdentityEntity[]> {
    return this.repo(em).find({ where: { memberId }, order: { id: 'ASC' } });
  }

  async memberHasPlatform(memberId: string, platform: Platform, em?: EntityManager): Promise<boolean> {
    return (await this.repo(em).countBy({ memberId, platform })) > 0;
  }

  async unbindMember(memberId: string, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ memberId }, { memberId: null });
  }
}
