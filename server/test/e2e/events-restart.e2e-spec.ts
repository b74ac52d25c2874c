// The restart test: the club as a separate process on the private MariaDB publishes an event to
// 20,000 members, is killed (SIGKILL) part-way through sending the invitations, and is started
// again on the same database and data directory. Every member must end with exactly one inbox
// invitation, and no member may have been sent two platform messages.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { SANDBOX_OUTBOX_FILE } from '../../src/platforms/platform-sandbox-host';
import { eventBody } from '../factories/events.factory';
import {
  createTestDatabase,
  dropTestDatabase,
  TEST_MANAGER_PASSWORD,
  TEST_MANAGER_USERNAME,
} from '../setup/test-app';

const MEMBERS = 20_000;
/** Every 20th member consented, logged in through WeChat and accepted the invitation template. */
const SUBSCRIBED_EVERY = 20;
const TEMPLATE = 'event_invitation';
const SERVER_DIR = resolve(__dirname, '../..');
const REPO_DIR = resolve(SERVER_DIR, '..');

jest.setTimeout(170_000);

/** The server's TypeScript sources in a plain node process (no build: the code under test runs). */
const SERVER_FROM_SOURCES = join(REPO_DIR, 'scripts/lib/server-from-sources.cjs');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Club {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
}

describe('restart: publish to 20,000 members, SIGKILL mid-sending, start again', () => {
  let database: { name: string; url: string };
  let dataDir: string;
  let db: Connection;
  const jwtSecret = randomBytes(32).toString('hex');
  const running: ChildProcess[] = [];

  async function startClub(): Promise<Club> {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [SERVER_FROM_SOURCES], {
      cwd: SERVER_DIR,
      env: {
        PATH: process.env.PATH,
        // Not `test`: the outbox dispatcher and the fan-out worker run on their own, as in production.
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: database.url,
        CLUB_DATA_DIR: dataDir,
        JWT_SECRET: jwtSecret,
        LOG_LEVEL: 'warn',
        BOOTSTRAP_MANAGER_USERNAME: TEST_MANAGER_USERNAME,
        BOOTSTRAP_MANAGER_PASSWORD: TEST_MANAGER_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the club exited on start (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the club did not answer /health within 60 s:\n${output}`);
      await sleep(200);
    }
    return { baseUrl, child, output: () => output };
  }

  async function api(club: Club, method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${club.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [rows] = await db.query<RowDataPacket[]>(sql, params);
    return Number(rows[0].n);
  }

  /** 20,000 members by SQL; every 20th consented, with a WeChat identity and the template accepted. */
  async function seedMembers(): Promise<void> {
    const now = new Date();
    const CHUNK = 5000;
    for (let start = 0; start < MEMBERS; start += CHUNK) {
      const rows = [];
      for (let i = start; i < Math.min(start + CHUNK, MEMBERS); i++) {
        rows.push([
          String(100_000_000 + i),
          `会员${i}`,
          i % 2 === 0 ? 'female' : 'male',
          String(13_800_000_000 + i),
          '[]',
          `RST${i}`,
          i % SUBSCRIBED_EVERY === 0 ? 1 : 0,
          now,
        ]);
      }
      await db.query(
        'INSERT INTO members (member_no, name, gender, phone, interests, referral_code, consent_marketing, joined_at) VALUES ?',
        [rows],
      );
    }
    await db.query(
      `INSERT INTO member_identities (platform, platform_user_id, member_id, created_at)
       SELECT 'wechat', CONCAT('o-restart-', id), id, ? FROM members WHERE consent_marketing = 1`,
      [now],
    );
    await db.query(
      `INSERT INTO member_subscriptions (member_id, template, platform, accepted, updated_at)
       SELECT id, ?, 'wechat', 1, ? FROM members WHERE consent_marketing = 1`,
      [TEMPLATE, now],
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'vip-club-restart-'));
    db = await createConnection({ uri: database.url, timezone: 'Z' });
  });

  afterAll(async () => {
    for (const child of running)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.end();
    if (database) await dropTestDatabase(database.name);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('gives every member exactly one invitation and no member two platform messages', async () => {
    const first = await startClub();
    await seedMembers();
    const subscribed = await count('SELECT COUNT(*) AS n FROM members WHERE consent_marketing = 1');
    expect(subscribed).toBe(MEMBERS / SUBSCRIBED_EVERY);

    const login = await api(first, 'POST', '/auth/staff', undefined, {
      username: TEST_MANAGER_USERNAME,
      password: TEST_MANAGER_PASSWORD,
    });
    const token = String(login.accessToken);
    const event = await api(first, 'POST', '/events', token, eventBody({ eligibility: {} }));
    const eventId = String(event.id);
    const refs = `event-invite:${eventId}:%`;
    const published = Date.now();
    await api(first, 'POST', `/events/${eventId}/publication`, token);
    // Publication does not wait for the invitations.
    expect(Date.now() - published).toBeLessThan(5_000);

    // Kill the club part-way: once some invitations reached inboxes, but not all, and preferably while
    // the fan-out is still paging too, so the restart resumes both.
    for (;;) {
      const delivered = await count('SELECT COUNT(*) AS n FROM member_notices WHERE ref LIKE ?', [refs]);
      const paging = await count(
        "SELECT COUNT(*) AS n FROM event_fanouts WHERE event_id = ? AND status = 'running'",
        [eventId],
      );
      if ((delivered > 0 && paging > 0) || delivered >= 1000 || first.child.exitCode !== null) break;
      await sleep(10);
    }
    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.once('exit', done));
    const atKill = await count('SELECT COUNT(*) AS n FROM member_notices WHERE ref LIKE ?', [refs]);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(MEMBERS);

    const second = await startClub();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const running = await count(
        "SELECT COUNT(*) AS n FROM event_fanouts WHERE event_id = ? AND status <> 'done'",
        [eventId],
      );
      const pending = await count(
        "SELECT COUNT(*) AS n FROM message_outbox WHERE ref LIKE ? AND status = 'pending'",
        [refs],
      );
      const queued = await count('SELECT COUNT(*) AS n FROM message_outbox WHERE ref LIKE ?', [refs]);
      if (running === 0 && pending === 0 && queued > 0) break;
      if (second.child.exitCode !== null) throw new Error(`the club died:\n${second.output()}`);
      if (Date.now() > deadline) {
        throw new Error(`not finished in 120 s: fan-out running ${running}, ${pending} of ${queued} pending`);
      }
      await sleep(500);
    }

    // Inbox: exactly one invitation per member.
    const [perMember] = await db.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS members, MIN(n) AS least, MAX(n) AS most, SUM(n) AS total FROM (
         SELECT member_id, COUNT(*) AS n FROM member_notices
         WHERE kind = 'event_invitation' AND ref LIKE ? GROUP BY member_id) per`,
      [refs],
    );
    expect(Number(perMember[0].members)).toBe(MEMBERS);
    expect(Number(perMember[0].least)).toBe(1);
    expect(Number(perMember[0].most)).toBe(1);
    expect(Number(perMember[0].total)).toBe(MEMBERS);
    expect(await count('SELECT invited_count AS n FROM events WHERE id = ?', [eventId])).toBe(MEMBERS);

    // Platforms: at most once each. A row the kill caught mid-call stays `sending` and is not resent.
    const [statuses] = await db.query<RowDataPacket[]>(
      "SELECT status, COUNT(*) AS n FROM message_outbox WHERE ref LIKE ? AND channel = 'platform' GROUP BY status",
      [refs],
    );
    const byStatus = Object.fromEntries(statuses.map((r) => [String(r.status), Number(r.n)]));
    expect(byStatus.pending).toBeUndefined();
    expect(byStatus.failed).toBeUndefined();
    expect(byStatus.skipped).toBe(MEMBERS - subscribed);
    const sent = byStatus.sent ?? 0;
    const sending = byStatus.sending ?? 0;
    expect(sent + sending).toBe(subscribed);

    const lines = (await readFile(join(dataDir, SANDBOX_OUTBOX_FILE), 'utf8'))
      .split('\n')
      .filter((l) => l.trim());
    const recipients = lines
      .map((l) => JSON.parse(l) as { to: string; templateId: string | null })
      .filter((m) => m.templateId === TEMPLATE)
      .map((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients.length).toBeGreaterThanOrEqual(sent);
    expect(recipients.length).toBeLessThanOrEqual(sent + sending);
    expect(recipients.every((to) => to.startsWith('o-restart-'))).toBe(true);

    second.child.kill('SIGTERM');
    await new Promise((done) => second.child.once('exit', done));
  });
});
