// A private MariaDB for the benchmark, started the way the server's e2e tests start theirs
// (server/test/setup/private-mariadb.ts, TypeScript that plain Node cannot import), but DURABLE:
// every commit is flushed to disk (innodb_flush_log_at_trx_commit=1, doublewrite on), as in
// production, so the figures mean something. Or an existing server: BENCH_MYSQL_URL.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './util.mjs';

const START_TIMEOUT_MS = 60_000;

function findBinary(name) {
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    '/usr/sbin',
    '/usr/bin',
    '/usr/local/sbin',
    '/usr/local/bin',
  ];
  for (const dir of dirs) if (dir && existsSync(join(dir, name))) return join(dir, name);
  throw new Error(
    `${name} not found: apt-get install -y mariadb-server, or set BENCH_MYSQL_URL=mysql://user:pass@host:port`,
  );
}

function errorLogTail(dataDir) {
  const file = join(dataDir, 'error.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-25).join('\n') : '(no error log)';
}

function runSql(dataDir, sql) {
  const res = spawnSync(
    findBinary('mariadb'),
    ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '-e', sql],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  if (res.status !== 0) throw new Error(`mariadb client failed: ${res.stderr}`);
}

/**
 * A MySQL server for the benchmark: `{url, stop()}`. With BENCH_MYSQL_URL set, that server (stop()
 * does nothing); else a private durable MariaDB in a temp dir on a free loopback port, deleted by stop().
 */
export async function startMariadb({ bufferPoolMb = 1024, logFileMb = 512 } = {}) {
  if (process.env.BENCH_MYSQL_URL)
    return { url: process.env.BENCH_MYSQL_URL, private: false, stop: async () => {} };

  const dataDir = mkdtempSync(join(tmpdir(), 'vip-club-bench-mariadb-'));
  const install = spawnSync(
    findBinary('mariadb-install-db'),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8', timeout: START_TIMEOUT_MS },
  );
  if (install.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed: ${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  const child = spawn(
    findBinary('mariadbd'),
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${join(dataDir, 'sock')}`,
      `--pid-file=${join(dataDir, 'mariadbd.pid')}`,
      `--log-error=${join(dataDir, 'error.log')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      '--skip-log-bin',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--max-connections=300',
      `--innodb-buffer-pool-size=${bufferPoolMb}M`,
      `--innodb-log-file-size=${logFileMb}M`,
      '--performance-schema=OFF',
      // Durable, as a production club runs: the benchmark measures real commits.
      '--innodb-flush-log-at-trx-commit=1',
      '--innodb-doublewrite=1',
      '--max-allowed-packet=64M',
      // e.g. BENCH_MARIADB_ARGS="--general-log=1 --general-log-file=/tmp/general.log" to count statements.
      ...(process.env.BENCH_MARIADB_ARGS ?? '').split(' ').filter(Boolean),
    ],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`mariadbd exited during start-up:\n${errorLogTail(dataDir)}`);
      const ping = spawnSync(
        findBinary('mariadb-admin'),
        ['--no-defaults', `--socket=${join(dataDir, 'sock')}`, '--user=root', '--connect-timeout=2', 'ping'],
        { encoding: 'utf8', timeout: 5_000 },
      );
      if (ping.status === 0) break;
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer:\n${errorLogTail(dataDir)}`);
      await sleep(200);
    }
    const password = randomBytes(12).toString('hex');
    runSql(
      dataDir,
      `CREATE USER 'bench'@'%' IDENTIFIED BY '${password}'; GRANT ALL PRIVILEGES ON *.* TO 'bench'@'%';`,
    );
    return {
      url: `mysql://bench:${password}@127.0.0.1:${port}`,
      private: true,
      dataDir,
      pid: child.pid,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `base` (a server URL) naming `database`. */
export function withDatabase(base, database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
