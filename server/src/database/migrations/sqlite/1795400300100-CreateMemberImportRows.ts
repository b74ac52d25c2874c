import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Member-base imports: one row per phone per import, so running a file twice changes nothing (embedded SQLite). */
export class CreateMemberImportRows1795400300100 implements MigrationInterface {
  name = 'CreateMemberImportRows1795400300100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_import_rows" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "import_ref" varchar(64) NOT NULL, "file_hash" varchar(64) NOT NULL, "phone" varchar(16) NOT NULL, "member_id" bigint NOT NULL, "outcome" varchar(16) NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_member_import_rows_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_member_import_rows_member" ON "member_import_rows" ("member_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_member_import_rows_ref_phone" ON "member_import_rows" ("import_ref", "phone")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "member_import_rows"`);
  }
}
