// A throwaway MariaDB server for the e2e run: its own data directory under the system temp dir, its
// own free port on loopback, gone again when the run ends (even when jest itself is killed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The env var through which the jest workers learn where the test server is. */
export const TEST_MYSQL_URL_ENV = 'CLUB_TEST_MYSQL_URL';

declare global {
  // Set by the global setup, read by the global teardown (same process).
  var __vipClubMariadb: PrivateMariadb | undefined;
}

export interface PrivateMariadb {
  url: string;
  dataDir: string;
  process: ChildProcess;
  watchdog: ChildProcess;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

function findBinary(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `${name} not found. The MySQL e2e tests start a private MariaDB: install it with ` +
      '`apt-get install -y mariadb-server`, or point TEST_MYSQL_URL at a MySQL/MariaDB server ' +
      '(mysql://user:pass@host:port, a user allowed to create and drop databases).',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function errorLogTail(dataDir: string): string {
  const file = join(dataDir, 'error.log');
  if (!existsSync(file)) return '(no error log)';
  return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function privateTmpDir(dataDir: string): string {
  const dir = join(dataDir, 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function initialiseDataDir(dataDir: string): void {
  const installDb = findBinary('mariadb-install-db');
  const res = spawnSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    // A private temp dir: several servers bootstrapping at once in the shared /tmp trip over each
    // other's `#sql-temptable` files.
    { encoding: 'utf8', timeout: START_TIMEOUT_MS, env: { ...process.env, TMPDIR: privateTmpDir(dataDir) } },
  );
  if (res.status !== 0) {
    throw new Error(`mariadb-install-db failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  }
}

function startServer(dataDir: string, port: number): ChildProcess {
  return spawn(
    findBinary('mariadbd'),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${join(dataDir, 'sock')}`,
      `--pid-file=${join(dataDir, 'mariadbd.pid')}`,
      `--log-error=${join(dataDir, 'error.log')}`,
      `--tmpdir=${privateTmpDir(dataDir)}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      '--skip-log-bin',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--max-connections=300',
      '--innodb-buffer-pool-size=128M',
      '--performance-schema=OFF',
      // Data that is deleted at the end of the run needs no durability: faster migrations.
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
      '--innodb-fast-shutdown=2',
    ],
    { stdio: 'ignore' },
  );
}

async function waitUntilUp(child: ChildProcess, dataDir: string): Promise<void> {
  const admin = findBinary('mariadb-admin');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (isExited(child)) {
      throw new Error(`mariadbd exited during start-up (${child.exitCode ?? child.signalCode}):\n${errorLogTail(dataDir)}`);
    }
    const ping = spawnSync(
      admin,
      ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '--connect-timeout=2', 'ping'],
      { encoding: 'utf8', timeout: 5_000 },
    );
    if (ping.status === 0) return;
    await sleep(200);
  }
  throw new Error(`mariadbd did not answer within ${START_TIMEOUT_MS / 1000} s:\n${errorLogTail(dataDir)}`);
}

function runSql(dataDir: string, sql: string): void {
  const res = spawnSync(
    findBinary('mariadb'),
    ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '-e', sql],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (res.status !== 0) throw new Error(`mariadb client failed: ${res.stderr}`);
}

// A detached process that outlives jest if jest is killed, stops mariadbd and deletes the data dir.
// The normal teardown stops it first, so it only ever acts on an abnormal exit.
function startWatchdog(parentPid: number, serverPid: number, dataDir: string): ChildProcess {
  const script = `
    const [parent, server, dir] = [Number(process.argv[1]), Number(process.argv[2]), process.argv[3]];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (alive(parent)) return;
      if (alive(server)) { try { process.kill(server, 'SIGKILL'); } catch {} }
      setTimeout(() => { require('fs').rmSync(dir, { recursive: true, force: true }); process.exit(0); }, 500);
    }, 1000);
  `;
  const watchdog = spawn(process.execPath, ['-e', script, String(parentPid), String(serverPid), dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
}

/** Creates, starts and returns a private MariaDB with a user allowed everything; throws with the server's log on failure. */
export async function startPrivateMariadb(): Promise<PrivateMariadb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vip-club-mariadb-'));
  let child: ChildProcess | undefined;
  try {
    initialiseDataDir(dataDir);
    // The port is free when picked but another process may take it first: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      child = startServer(dataDir, port);
      try {
        await waitUntilUp(child, dataDir);
      } catch (err) {
        const portTaken = /Address already in use|Bind on TCP\/IP port/i.test(errorLogTail(dataDir));
        if (portTaken && attempt < 3) continue;
        throw err;
      }
      const password = randomBytes(12).toString('hex');
      runSql(
        dataDir,
        `CREATE USER 'club'@'%' IDENTIFIED BY '${password}'; GRANT ALL PRIVILEGES ON *.* TO 'club'@'%' WITH GRANT OPTION;`,
      );
      const watchdog = startWatchdog(process.pid, child.pid!, dataDir);
      return { url: `mysql://club:${password}@127.0.0.1:${port}`, dataDir, process: child, watchdog };
    }
  } catch (err) {
    if (child && !isExited(child)) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Stops the server (SIGTERM, then SIGKILL after a grace period) and deletes its data dir. */
export async function stopPrivateMariadb(db: PrivateMariadb): Promise<void> {
  if (db.watchdog.pid && !isExited(db.watchdog)) {
    try {
      process.kill(db.watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const child = db.process;
  if (!isExited(child)) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  rmSync(db.dataDir, { recursive: true, force: true });
}
