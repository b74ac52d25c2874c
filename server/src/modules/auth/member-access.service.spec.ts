import type { Member } from '@vip-club/shared';
import { MemberHooks } from '../members/member-hooks';
import type { MembersService } from '../members/members.service';
import { MemberAccessService } from './member-access.service';

/** A stand-in for the members service: who is live, and how often the guard asked. */
function membersWith(live: Set<string>) {
  const reads: string[] = [];
  const members = {
    getOwn: async (id: string) => {
      reads.push(id);
      return live.has(id) ? ({ id } as Member) : null;
    },
  } as unknown as MembersService;
  return { members, reads };
}

describe('MemberAccessService', () => {
  let now: number;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  const setUp = (live: string[]) => {
    const { members, reads } = membersWith(new Set(live));
    const hooks = new MemberHooks();
    const access = new MemberAccessService(members, hooks);
    access.onModuleInit();
    return { access, reads, hooks };
  };

  it('admits a live member and refuses an erased or unknown one with 401 UNAUTHENTICATED', async () => {
    const { access } = setUp(['1']);
    await expect(access.assertCurrent('1')).resolves.toBeUndefined();
    await expect(access.assertCurrent('2')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reads a member once for concurrent requests and again only after 5 s', async () => {
    const { access, reads } = setUp(['1']);
    await Promise.all([access.assertCurrent('1'), access.assertCurrent('1'), access.assertCurrent('1')]);
    now += 4_999;
    await access.assertCurrent('1');
    expect(reads).toEqual(['1']);
    now += 1;
    await access.assertCurrent('1');
    expect(reads).toEqual(['1', '1']);
  });

  it('refuses at once a member whose erasure runs in this process, though she was read live just before', async () => {
    const { access, hooks } = setUp(['1']);
    await access.assertCurrent('1');
    await hooks.erasing({ em: {} as never, memberId: '1', phone: null, at: new Date(now) });
    await expect(access.assertCurrent('1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets her in again once the mark runs out should the erasure have rolled back', async () => {
    const { access, hooks } = setUp(['1']);
    await hooks.erasing({ em: {} as never, memberId: '1', phone: null, at: new Date(now) });
    now += 5_000;
    await expect(access.assertCurrent('1')).resolves.toBeUndefined();
  });

  it('does not remember a failed read: the next request asks again', async () => {
    const { access } = setUp(['1']);
    const members = (access as unknown as { members: { getOwn: (id: string) => Promise<unknown> } }).members;
    const real = members.getOwn;
    members.getOwn = async () => {
      throw new Error('connection lost');
    };
    await expect(access.assertCurrent('1')).rejects.toThrow('connection lost');
    members.getOwn = real;
    await expect(access.assertCurrent('1')).resolves.toBeUndefined();
  });

  it('keeps its memory bounded: past 20,000 members, the expired ones are forgotten', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => String(i + 1));
    const { access } = setUp(ids);
    const cache = (access as unknown as { cache: Map<string, unknown> }).cache;
    for (const id of ids) await access.assertCurrent(id);
    expect(cache.size).toBe(20_000);
    now += 5_000;
    await access.assertCurrent('1');
    expect(cache.size).toBe(1);
  });
});
