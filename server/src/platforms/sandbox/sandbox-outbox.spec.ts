import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxOutbox } from './sandbox-outbox';

describe('SandboxOutbox', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vip-club-outbox-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const message = (to: string, channel: 'wechat' | 'alipay' | 'sms' = 'wechat') => ({
    channel,
    to,
    templateId: 'T',
    data: { k: to },
    page: null,
  });

  it('lists newest first and filters by channel and recipient', async () => {
    const outbox = await SandboxOutbox.open({ now: () => new Date('2026-03-01T08:00:00Z') });
    await outbox.record(message('a'));
    await outbox.record(message('b', 'alipay'));
    await outbox.record(message('a', 'sms'));
    expect(outbox.list().map((m) => `${m.id}:${m.channel}:${m.to}`)).toEqual([
      '3:sms:a',
      '2:alipay:b',
      '1:wechat:a',
    ]);
    expect(outbox.list({ to: 'a' }).map((m) => m.id)).toEqual(['3', '1']);
    expect(outbox.list({ channel: 'alipay' }).map((m) => m.id)).toEqual(['2']);
    expect(outbox.list({ channel: 'sms', to: 'b' })).toEqual([]);
    expect(outbox.list()[0].at).toBe('2026-03-01T08:00:00.000Z');
  });

  it('appends overlapping records as whole lines in id order', async () => {
    const file = join(dir, 'nested', 'outbox.jsonl');
    const outbox = await SandboxOutbox.open({ file });
    await Promise.all(Array.from({ length: 20 }, (_, i) => outbox.record(message(`u${i}`))));
    const ids = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
  });

  it('reads back an earlier run, skipping a line cut short by a crash, and continues the ids', async () => {
    const file = join(dir, 'outbox.jsonl');
    const first = await SandboxOutbox.open({ file });
    await first.record(message('x'));
    await first.record(message('y'));
    await appendFile(file, '{"id":"3","channel":"wech');

    const second = await SandboxOutbox.open({ file });
    expect(second.list().map((m) => m.to)).toEqual(['y', 'x']);
    const next = await second.record(message('z'));
    expect(next.id).toBe('3');

    const third = await SandboxOutbox.open({ file });
    expect(third.list().map((m) => m.to)).toEqual(['z', 'y', 'x']);
  });
});
