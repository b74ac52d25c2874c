/**
 * True when `err` is a unique-key violation of the named index (MySQL/MariaDB) or of its column
 * (SQLite names the columns, not the index: "UNIQUE constraint failed: members.phone").
 */
export function isUniqueViolation(
  err: unknown,
  index: { name: string; table: string; columns: string[] },
): boolean {
  if (!(err instanceof Error) || err.name !== 'QueryFailedError') return false;
  const driverError = (err as Error & { driverError?: { code?: unknown; message?: unknown } }).driverError;
  const code = driverError?.code ?? (err as Error & { code?: unknown }).code;
  const message = String(driverError?.message ?? err.message);
  if (code === 'ER_DUP_ENTRY')
    return message.includes(`'${index.name}'`) || message.includes(`.${index.name}'`);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return message.includes(index.columns.map((c) => `${index.table}.${c}`).join(', '));
  }
  return false;
}
