import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type AuthTokens, ErrorCode } from '@vip-club/shared';
import type { EntityManager } from 'typeorm';
import { ACCESS_TOKEN_TTL_SECONDS, type AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import type { TokenSubjectKind } from './entities/refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Whom a refresh token was issued to; the claims are looked up afresh at each refresh. */
export interface TokenSubject {
  kind: TokenSubjectKind;
  id: string;
}

/** Turns a token subject back into current claims, or null when the subject is gone (erased, deactivated). */
export type ClaimsResolver = (subject: TokenSubject) => Promise<AuthUser | null>;

/**
 * Access tokens are 15-minute HS256 JWTs; refresh tokens are opaque random strings kept only as
 * sha256 hashes, rotated on every use. A refresh token used twice means it leaked: its whole
 * family (every token descended from the same login) is revoked.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  /** A new login: a fresh refresh-token family. */
  issue(subject: TokenSubject, claims: AuthUser, em?: EntityManager): Promise<AuthTokens> {
    return this.issueInFamily(subject, claims, randomUUID(), em);
  }

  /** Spends `refreshToken` and answers the next pair, or 401 UNAUTHENTICATED. */
  async rotate(refreshToken: string, resolveClaims: ClaimsResolver): Promise<AuthTokens> {
    const now = new Date();
    const row = await this.refreshTokens.findByHash(sha256(refreshToken));
    if (!row) throw unauthenticated('Unknown refresh token');
    if (row.usedAt !== null || row.revokedAt !== null) {
      await this.refreshTokens.revokeFamily(row.family, now);
      throw unauthenticated('This refresh token was already used; log in again');
    }
    if (row.expiresAt.getTime() <= now.getTime())
      throw unauthenticated('The refresh token has expired; log in again');
    if (!(await this.refreshTokens.markUsed(row.id, now))) {
      await this.refreshTokens.revokeFamily(row.family, now);
      throw unauthenticated('This refresh token was already used; log in again');
    }
    const subject: TokenSubject = { kind: row.subjectKind, id: row.subjectId };
    const claims = await resolveClaims(subject);
    if (!claims) {
      await this.refreshTokens.revokeFamily(row.family, now);
      throw unauthenticated('This account can no longer log in');
    }
    return this.issueInFamily(subject, claims, row.family);
  }

  /** Every refresh token of these subjects stops working (erasure, deactivation). */
  revokeAll(kind: TokenSubjectKind, ids: string[], em?: EntityManager): Promise<void> {
    return this.refreshTokens.revokeSubjects(kind, ids, new Date(), em);
  }

  private async issueInFamily(
    subject: TokenSubject,
    claims: AuthUser,
    family: string,
    em?: EntityManager,
  ): Promise<AuthTokens> {
    const now = new Date();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(
      {
        tokenHash: sha256(refreshToken),
        subjectKind: subject.kind,
        subjectId: subject.id,
        family,
        createdAt: now,
        expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      },
      em,
    );
    const accessToken = await this.jwt.signAsync(
      { ...claims },
      { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
    return { accessToken, refreshToken };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}
