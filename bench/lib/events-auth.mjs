// Access tokens for thousands of members in milliseconds. Logging each one in through the platform
// sandbox (as points.bench.mjs does for its 200 redeemers) costs several requests per member; a rush
// of 20,000 would spend minutes before the first registration. The bench starts the server with a
// secret it chose, so it signs the very tokens the server issues itself: HS256, claims
// `{sub: memberId, role: 'member', identityId}` (IdentitiesService.claimsFor), 15 minutes
// (ACCESS_TOKEN_TTL_SECONDS), for platform identities it inserts beside the seeded members.
import { createHmac, createSecretKey } from 'node:crypto';

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ROWS_PER_INSERT = 5_000;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Binds a WeChat identity to each of `memberIds` (as joining through the mini-program does) and
 * answers `Map(memberId → identityId)`.
 */
export async function bindIdentities(conn, memberIds, tag) {
  const now = new Date();
  const ids = new Map();
  for (let k = 0; k < memberIds.length; k += ROWS_PER_INSERT) {
    const chunk = memberIds.slice(k, k + ROWS_PER_INSERT);
    await conn.query(
      'INSERT INTO member_identities (platform, platform_user_id, member_id, created_at) VALUES ?',
      [chunk.map((id) => ['wechat', `bench-${tag}-${id}`, id, now])],
    );
  }
  for (let k = 0; k < memberIds.length; k += ROWS_PER_INSERT) {
    const [rows] = await conn.query(
      'SELECT id, member_id FROM member_identities WHERE platform = ? AND platform_user_id IN (?)',
      ['wechat', memberIds.slice(k, k + ROWS_PER_INSERT).map((id) => `bench-${tag}-${id}`)],
    );
    for (const row of rows) ids.set(Number(row.member_id), String(row.id));
  }
  if (ids.size !== memberIds.length)
    throw new Error(`bound ${ids.size} identities for ${memberIds.length} members`);
  return ids;
}

/** Signs member access tokens with the server's JWT secret. */
export function memberTokenSigner(jwtSecret) {
  // The server prepares the same key (identity.module.ts): the secret's UTF-8 bytes.
  const key = createSecretKey(Buffer.from(jwtSecret, 'utf8'));
  return (memberId, identityId, now = Date.now()) => {
    const iat = Math.floor(now / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        sub: String(memberId),
        role: 'member',
        identityId,
        iat,
        exp: iat + ACCESS_TOKEN_TTL_SECONDS,
      }),
    ).toString('base64url');
    const signature = createHmac('sha256', key).update(`${HEADER}.${payload}`).digest('base64url');
    return `${HEADER}.${payload}.${signature}`;
  };
}
