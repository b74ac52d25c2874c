// A MySQL server for the benchmarks: the private MariaDB launcher the server's e2e tests use too
// (scripts/lib/private-mariadb.cjs), but DURABLE: every commit is flushed to disk
// (innodb_flush_log_at_trx_commit=1, doublewrite on), as in production, so the figures mean something.
// Or an existing server: BENCH_MYSQL_URL.
import { createRequire } from 'node:module';

const { startPrivateMariadb } = createRequire(import.meta.url)('../../scripts/lib/private-mariadb.cjs');

/**
 * A MySQL server for the benchmark: `{url, stop()}`. With BENCH_MYSQL_URL set, that server (stop()
 * does nothing); else a private durable MariaDB in a temp dir on a free loopback port, deleted by stop().
 */
export async function startMariadb({ bufferPoolMb = 1024, logFileMb = 512 } = {}) {
  if (process.env.BENCH_MYSQL_URL)
    return { url: process.env.BENCH_MYSQL_URL, private: false, stop: async () => {} };
  const db = await startPrivateMariadb({
    durable: true,
    bufferPoolMb,
    logFileMb,
    user: 'bench',
    dirPrefix: 'vip-club-bench-mariadb-',
    // e.g. BENCH_MARIADB_ARGS="--general-log=1 --general-log-file=/tmp/general.log" to count statements.
    extraArgs: (process.env.BENCH_MARIADB_ARGS ?? '').split(' ').filter(Boolean),
  });
  return { ...db, private: true };
}

/** `base` (a server URL) naming `database`. */
export function withDatabase(base, database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Statements the server has received so far (MariaDB's `Questions`): the difference over a run counts
 * its statements while the private server has no other client.
 */
export async function questions(pool) {
  const [[row]] = await pool.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row.Value);
}
