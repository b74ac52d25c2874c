import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clerk handovers (embedded SQLite): one audit row per manager's handover of a clerk's members. */
export class CreateClerkHandovers1795401500000 implements MigrationInterface {
  name = 'CreateClerkHandovers1795401500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clerk_handovers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_staff_id" bigint NOT NULL, "by_staff_id" bigint NOT NULL, "moved" integer NOT NULL, "by_clerk" text NOT NULL, "created_at" datetime(3) NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "clerk_handovers"`);
  }
}
