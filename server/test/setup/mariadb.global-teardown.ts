export default async function globalTeardown(): Promise<void> {
  const db = globalThis.__vipClubMariadb;
  if (!db) return;
  globalThis.__vipClubMariadb = undefined;
  await db.stop();
}
