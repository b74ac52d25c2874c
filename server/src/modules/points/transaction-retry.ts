/**
 * Lock errors worth one more try of the whole transaction (MySQL deadlock or lock wait, SQLite busy).
 * `ER_AUTOINC_READ_FAILED` is how MariaDB reports an `INSERT … SELECT` that lost a deadlock on the
 * table's AUTO-INC lock (two fan-out workers inserting the missing rows at once): the statement is
 * undone like any deadlock victim's.
 */
const RETRYABLE = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_AUTOINC_READ_FAILED',
  'SQLITE_BUSY',
]);
const ATTEMPTS = 4;

function isRetryable(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return RETRYABLE.has(String(e?.driverError?.code ?? e?.code));
}

/**
 * Runs `work` (a whole transaction) again when the database chose it as a deadlock victim: InnoDB
 * rolls such a transaction back entirely, so a retry is safe and the client never sees a 500 for it.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRetryable(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
