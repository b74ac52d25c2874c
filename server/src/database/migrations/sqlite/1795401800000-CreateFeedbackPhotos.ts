import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback photos (embedded SQLite): one row per uploaded image (its bytes are a file under
 * CLUB_DATA_DIR), and the photo a follow-up carries from the rating that opened it.
 */
export class CreateFeedbackPhotos1795401800000 implements MigrationInterface {
  name = 'CreateFeedbackPhotos1795401800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "feedback_photos" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "access_key" varchar(32) NOT NULL, "content_type" varchar(16) NOT NULL, "size_bytes" integer NOT NULL, "created_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_feedback_photos_member" ON "feedback_photos" ("member_id", "id")`,
    );
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD COLUMN "photo_url" varchar(500)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP COLUMN "photo_url"`);
    await queryRunner.query(`DROP TABLE "feedback_photos"`);
  }
}
