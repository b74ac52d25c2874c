// Thousands of members at once, for load tests: written by multi-row SQL INSERTs (the API would take
// minutes), each with a starting balance recorded as a ledger entry so balance = sum of ledger holds,
// and logged in by minting access tokens with the app's own JWT signer, as a login would.
import { JwtService } from '@nestjs/jwt';
import type { Tier } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { TestApp } from '../setup/test-app';

export interface BulkMember {
  id: string;
  accessToken: string;
}

export interface BulkMembersOptions {
  /** Points each member starts with (an `adjust` ledger entry); 0 writes no entry. */
  points?: number;
  tier?: Tier;
}

const ROWS_PER_INSERT = 1000;

let batch = 0;

/** `count` new members, committed, each with a valid member access token. */
export async function createBulkMembers(
  club: TestApp,
  count: number,
  options: BulkMembersOptions = {},
): Promise<BulkMember[]> {
  const ds = club.app.get(DataSource);
  const points = options.points ?? 0;
  const tier = options.tier ?? 'friend';
  batch += 1;
  // Member numbers, phones and referral codes of their own range, apart from members made by the API.
  const tag = `${(process.pid % 90) + 10}${batch % 10}`;
  const now = new Date();
  const ids: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = Math.min(ROWS_PER_INSERT, count - start);
    const values: unknown[] = [];
    for (let i = start; i < start + rows; i++) {
      const n = String(i).padStart(5, '0');
      values.push(
        `9${tag}${n}`,
        `会员${n}`,
        'female',
        `136${tag}${n}`,
        '[]',
        points,
        tier,
        `BK${tag}${n}`,
        now,
      );
    }
    await ds.query(
      `INSERT INTO members (member_no, name, gender, phone, interests, points, tier, referral_code, joined_at)
       VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      values,
    );
    const made: Array<{ id: unknown }> = await ds.query(
      'SELECT id FROM members WHERE referral_code >= ? AND referral_code <= ? ORDER BY id',
      [`BK${tag}${String(start).padStart(5, '0')}`, `BK${tag}${String(start + rows - 1).padStart(5, '0')}`],
    );
    ids.push(...made.map((r) => String(r.id)));
  }
  if (points > 0) {
    for (let start = 0; start < ids.length; start += ROWS_PER_INSERT) {
      const chunk = ids.slice(start, start + ROWS_PER_INSERT);
      await ds.query(
        `INSERT INTO points_ledger (member_id, delta, kind, balance_after, ref, created_at)
         VALUES ${chunk.map(() => "(?, ?, 'adjust', ?, ?, ?)").join(', ')}`,
        chunk.flatMap((id) => [id, points, points, `bulk-seed:${id}`, now]),
      );
    }
  }
  const jwt = club.app.get(JwtService);
  return ids.map((id) => ({
    id,
    accessToken: jwt.sign({ sub: id, role: 'member' }, { algorithm: 'HS256', expiresIn: 900 }),
  }));
}
