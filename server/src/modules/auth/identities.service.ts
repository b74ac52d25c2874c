import { Injectable } from '@nestjs/common';
import { type AuthTokens, ErrorCode, type Platform } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../database/unique-violation';
import type { MemberIdentityEntity } from './entities/member-identity.entity';
import { IdentitiesRepository } from './identities.repository';
import { TokensService } from './tokens.service';

const PLATFORM_USER_INDEX = {
  name: 'uq_member_identities_platform_user',
  table: 'member_identities',
  columns: ['platform', 'platform_user_id'],
};

/** Platform users (WeChat, Alipay) and the members they are bound to. */
@Injectable()
export class IdentitiesService {
  constructor(
    private readonly identities: IdentitiesRepository,
    private readonly tokens: TokensService,
  ) {}

  /** The identity of this platform user, created on first login. */
  async findOrCreate(platform: Platform, platformUserId: string): Promise<MemberIdentityEntity> {
    const existing = await this.identities.findByPlatformUser(platform, platformUserId);
    if (existing) return existing;
    try {
      return await this.identities.insert(platform, platformUserId, new Date());
    } catch (err) {
      // Two first logins of the same user at once: the other one created it.
      if (!isUniqueViolation(err, PLATFORM_USER_INDEX)) throw err;
      const created = await this.identities.findByPlatformUser(platform, platformUserId);
      if (!created) throw err;
      return created;
    }
  }

  /** The identity behind a visitor's or member's token; 401 if it no longer exists. */
  async require(identityId: string | undefined, em?: EntityManager): Promise<MemberIdentityEntity> {
    const identity = identityId === undefined ? null : await this.identities.findById(identityId, em);
    if (!identity) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Log in through WeChat or Alipay first');
    return identity;
  }

  /** Binds a still-unbound identity to a member; 409 ALREADY_MEMBER when it was bound meanwhile. */
  async bind(identityId: string, memberId: string, em?: EntityManager): Promise<void> {
    if (!(await this.identities.bindIfUnbound(identityId, memberId, em))) {
      throw new DomainError(ErrorCode.ALREADY_MEMBER, 'This account has already joined the club');
    }
  }

  memberHasPlatform(memberId: string, platform: Platform, em?: EntityManager): Promise<boolean> {
    return this.identities.memberHasPlatform(memberId, platform, em);
  }

  listByMember(memberId: string, em?: EntityManager): Promise<MemberIdentityEntity[]> {
    return this.identities.listByMember(memberId, em);
  }

  /** Erasure: the member's platform accounts are unbound and every session of theirs ends. */
  async unbindAndLogOut(memberId: string, em?: EntityManager): Promise<void> {
    const identities = await this.identities.listByMember(memberId, em);
    await this.tokens.revokeAll(
      'identity',
      identities.map((i) => i.id),
      em,
    );
    await this.identities.unbindMember(memberId, em);
  }

  /** Claims for a platform user: `member` once bound to a member, `visitor` before. */
  claimsFor(identity: MemberIdentityEntity): AuthUser {
    return identity.memberId === null
      ? { sub: identity.id, role: 'visitor', identityId: identity.id }
      : { sub: identity.memberId, role: 'member', identityId: identity.id };
  }

  /** Tokens for this identity as it stands (used right after login and after joining). */
  issueTokens(identity: MemberIdentityEntity, em?: EntityManager): Promise<AuthTokens> {
    return this.tokens.issue({ kind: 'identity', id: identity.id }, this.claimsFor(identity), em);
  }

  async claimsForIdentityId(identityId: string): Promise<AuthUser | null> {
    const identity = await this.identities.findById(identityId);
    return identity ? this.claimsFor(identity) : null;
  }
}
