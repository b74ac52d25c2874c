import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member feedback, store opening hours (null: the club default) and the follow-up's first response and
 * escalation (embedded SQLite).
 */
export class AddFeedbackStoreHours1795401200000 implements MigrationInterface {
  name = 'AddFeedbackStoreHours1795401200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stores" ADD COLUMN "opening_hours" text`);
    for (const column of [
      `"first_responded_at" datetime(3)`,
      `"first_response_note" text`,
      `"escalated_at" datetime(3)`,
      `"escalation_reason" varchar(16)`,
    ]) {
      await queryRunner.query(`ALTER TABLE "follow_ups" ADD COLUMN ${column}`);
    }
    await queryRunner.query(
      `CREATE TABLE "feedback" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "subject" varchar(16) NOT NULL, "ref_id" bigint, "store_id" bigint, "rating" integer NOT NULL, "comment" text NOT NULL, "photo_url" varchar(500), "follow_up_id" bigint, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_feedback_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_feedback_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_feedback_follow_up" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_feedback_member" ON "feedback" ("member_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "feedback"`);
    for (const column of ['escalation_reason', 'escalated_at', 'first_response_note', 'first_responded_at']) {
      await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "stores" DROP COLUMN "opening_hours"`);
  }
}
