import { Injectable } from '@nestjs/common';
import type { AuthTokens, Platform, PlatformLoginResponse, StaffLoginResponse } from '@vip-club/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { PlatformLoginService } from '../../platforms/platform-login.service';
import { MembersService } from '../members/members.service';
import { toStaffSummary } from '../staff/staff.mapper';
import { StaffService } from '../staff/staff.service';
import { IdentitiesService } from './identities.service';
import { type TokenSubject, TokensService } from './tokens.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly platforms: PlatformLoginService,
    private readonly identities: IdentitiesService,
    private readonly tokens: TokensService,
    private readonly members: MembersService,
    private readonly staff: StaffService,
  ) {}

  /** A platform login code → the platform user's identity (created on first login) and tokens. */
  async platformLogin(platform: Platform, code: string): Promise<PlatformLoginResponse> {
    const login = await this.platforms.login(platform, code);
    const identity = await this.identities.findOrCreate(login.platform, login.platformUserId);
    const tokens = await this.identities.issueTokens(identity);
    const member = identity.memberId === null ? null : await this.members.getOwn(identity.memberId);
    return { ...tokens, member };
  }

  async staffLogin(username: string, password: string): Promise<StaffLoginResponse> {
    const account = await this.staff.verifyCredentials(username, password);
    const tokens = await this.tokens.issue({ kind: 'staff', id: account.id }, staffClaims(account));
    return { ...tokens, staff: toStaffSummary(account) };
  }

  refresh(refreshToken: string): Promise<AuthTokens> {
    return this.tokens.rotate(refreshToken, (subject) => this.currentClaims(subject));
  }

  private async currentClaims(subject: TokenSubject): Promise<AuthUser | null> {
    if (subject.kind === 'identity') {
      const claims = await this.identities.claimsForIdentityId(subject.id);
      // Erasure unbinds her accounts and revokes her tokens; a refresh that read her account just before
      // that committed must still not mint another member token for her.
      if (claims?.role === 'member' && !(await this.members.getOwn(claims.sub))) return null;
      return claims;
    }
    const account = await this.staff.findActive(subject.id);
    return account ? staffClaims(account) : null;
  }
}

function staffClaims(account: { id: string; role: 'clerk' | 'manager'; storeId: string | null }): AuthUser {
  const claims: AuthUser = { sub: account.id, role: account.role };
  if (account.storeId !== null) claims.storeId = account.storeId;
  return claims;
}
