import type { DataSource } from 'typeorm';

/**
 * Holds the staff row as PATCH /staff/{id} does while `request` runs, until it answers or waits on a
 * lock (MariaDB), then deactivates that account and commits; resolves to what `request` answered.
 */
export async function deactivateStaffWhile<T>(
  ds: DataSource,
  staffId: string,
  request: () => Promise<T>,
): Promise<T> {
  const patchLike = ds.createQueryRunner();
  await patchLike.connect();
  await patchLike.startTransaction();
  try {
    await patchLike.query('SELECT id FROM staff WHERE id = ? FOR UPDATE', [staffId]);
    let settled = false;
    const pending = request().then((res) => {
      settled = true;
      return res;
    });
    for (let i = 0; i < 100 && !settled; i++) {
      const [waits] = await ds.query(
        "SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'",
      );
      if (Number(waits.n) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await patchLike.query('UPDATE staff SET active = 0 WHERE id = ?', [staffId]);
    await patchLike.commitTransaction();
    return await pending;
  } finally {
    if (patchLike.isTransactionActive) await patchLike.rollbackTransaction();
    await patchLike.release();
  }
}
