// Builders for rewards tests, through the HTTP API: rewards, and points for members who need a
// balance before they can redeem.
import type { CreateRewardInput, Reward } from '@vip-club/shared';
import { DataSource } from 'typeorm';
import type { TestAgent, TestApp } from '../setup/test-app';
import { API, bearer, unique } from './club.factory';
import { balancesAgainstLedger } from './points.factory';

const HOUR = 3_600_000;

export function rewardBody(overrides: Partial<CreateRewardInput> = {}): CreateRewardInput {
  return {
    name: unique('金箔书签'),
    description: '会员专享，门店领取',
    kind: 'gift',
    pointsCost: 100,
    stock: 50,
    perMemberLimit: 5,
    tiers: [],
    availableFrom: new Date(Date.now() - HOUR).toISOString(),
    availableTo: new Date(Date.now() + 24 * HOUR).toISOString(),
    ...overrides,
  };
}

export async function createReward(
  http: TestAgent,
  managerToken: string,
  overrides: Partial<CreateRewardInput> = {},
): Promise<Reward> {
  const res = await http.post(`${API}/rewards`).set(bearer(managerToken)).send(rewardBody(overrides));
  if (res.status !== 201) throw new Error(`POST /rewards: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Reward;
}

/** A manager's points adjustment: gives points, or takes them (even below zero) when negative. */
export async function adjustPoints(
  http: TestAgent,
  managerToken: string,
  memberId: string,
  delta: number,
): Promise<void> {
  const res = await http
    .post(`${API}/members/${memberId}/points/adjustments`)
    .set(bearer(managerToken))
    .send({ delta, reason: '测试：兑换前备好积分' });
  if (res.status !== 201) throw new Error(`points adjustment: ${res.status} ${JSON.stringify(res.body)}`);
}

/** POST /rewards/{id}/redemptions with a fresh (or the given) Idempotency-Key. */
export function redeem(
  http: TestAgent,
  memberToken: string,
  rewardId: string,
  quantity = 1,
  key: string = unique('key-'),
) {
  return http
    .post(`${API}/rewards/${rewardId}/redemptions`)
    .set(bearer(memberToken))
    .set('Idempotency-Key', key)
    .send({ quantity });
}

/** For every member given: the cached balance and the sum of their ledger, read by SQL. */
export function balancesAndLedgerSums(club: TestApp, memberIds: string[]) {
  return balancesAgainstLedger(club.app.get(DataSource), memberIds);
}
