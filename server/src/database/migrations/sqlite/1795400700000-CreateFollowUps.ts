import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-ups of low ratings, with their deadlines (embedded SQLite). */
export class CreateFollowUps1795400700000 implements MigrationInterface {
  name = 'CreateFollowUps1795400700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "store_id" bigint, "member_id" bigint NOT NULL, "subject" varchar(16) NOT NULL, "ref_id" bigint, "rating" integer NOT NULL, "comment" text NOT NULL, "status" varchar(16) NOT NULL, "opened_at" datetime(3) NOT NULL, "first_response_due_at" datetime(3) NOT NULL, "resolve_due_at" datetime(3) NOT NULL, "resolved_at" datetime(3), "resolved_by_staff_id" bigint, "resolution_note" text, CONSTRAINT "fk_follow_ups_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_follow_ups_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_follow_ups_resolved_by" FOREIGN KEY ("resolved_by_staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_status" ON "follow_ups" ("status", "id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_store_status" ON "follow_ups" ("store_id", "status", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "follow_ups"`);
  }
}
