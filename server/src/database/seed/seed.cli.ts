/**
 * `pnpm --filter ./server seed [--members=N]`: loads the demo club into the configured database
 * (DATABASE_URL, or the embedded SQLite file in CLUB_DATA_DIR), after running the migrations.
 * Refuses a database that already has members, so it never doubles a club.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/load-config';
import { MemberEntity } from '../../modules/members/entities/member.entity';
import { buildDataSourceOptions } from '../data-source';
import { DEMO_MEMBERS } from './demo-seed.service';
import { seedDemoClub } from './seed-demo-club';

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--members='));
  const members = arg ? Number(arg.slice('--members='.length)) : DEMO_MEMBERS;
  if (!Number.isInteger(members) || members < 1) throw new Error('--members must be a positive whole number');
  const dataSource = new DataSource(await buildDataSourceOptions(loadConfig()));
  await dataSource.initialize();
  try {
    if ((await dataSource.getRepository(MemberEntity).count()) > 0) {
      console.error('The database already has members; seed only loads an empty club.');
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    const result = await seedDemoClub(dataSource, { members });
    console.log(
      `Seeded ${result.members} members and ${result.ledgerEntries} ledger entries in ${Date.now() - started} ms`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
