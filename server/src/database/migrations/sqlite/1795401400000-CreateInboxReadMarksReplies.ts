import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The members' inbox read marks and replies (embedded SQLite). */
export class CreateInboxReadMarksReplies1795401400000 implements MigrationInterface {
  name = 'CreateInboxReadMarksReplies1795401400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbox_read_marks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "last_read_id" bigint NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "fk_inbox_read_marks_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_inbox_read_marks_member" ON "inbox_read_marks" ("member_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "inbox_replies" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "notice_id" bigint NOT NULL, "member_id" bigint NOT NULL, "kind" varchar(16) NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_inbox_replies_notice" FOREIGN KEY ("notice_id") REFERENCES "member_notices" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_inbox_replies_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_inbox_replies_notice_kind" ON "inbox_replies" ("notice_id", "kind")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_inbox_replies_kind" ON "inbox_replies" ("kind", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inbox_replies"`);
    await queryRunner.query(`DROP TABLE "inbox_read_marks"`);
  }
}
