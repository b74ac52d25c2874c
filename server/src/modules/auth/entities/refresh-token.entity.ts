import { Column, Entity, Index } from 'typeorm';
import { IdColumn, bigintRefColumn, timestampColumn } from '../../../database/columns';

/** Whom a refresh token speaks for: a platform identity (visitor or member) or a staff account. */
export type TokenSubjectKind = 'identity' | 'staff';

/** Opaque refresh tokens, stored as sha256; a family is one login's chain of rotations. */
@Entity({ name: 'refresh_tokens' })
@Index('uq_refresh_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_tokens_family', ['family'])
@Index('ix_refresh_tokens_subject', ['subjectKind', 'subjectId'])
export class RefreshTokenEntity {
  @IdColumn('pk_refresh_tokens')
  id!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: TokenSubjectKind;

  @Column(bigintRefColumn('subject_id', false))
  subjectId!: string;

  @Column({ name: 'family', type: 'varchar', length: 36 })
  family!: string;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('expires_at'))
  expiresAt!: Date;

  @Column(timestampColumn('used_at', true))
  usedAt!: Date | null;

  @Column(timestampColumn('revoked_at', true))
  revokedAt!: Date | null;
}
