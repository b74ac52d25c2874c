import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback photos (MySQL 8 and MariaDB 10.11): one row per uploaded image (its bytes are a file under
 * CLUB_DATA_DIR), and the photo a follow-up carries from the rating that opened it.
 */
export class CreateFeedbackPhotos1795401800000 implements MigrationInterface {
  name = 'CreateFeedbackPhotos1795401800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `feedback_photos` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `access_key` varchar(32) NOT NULL, `content_type` varchar(16) NOT NULL, `size_bytes` int NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_feedback_photos_member` (`member_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query('ALTER TABLE `follow_ups` ADD `photo_url` varchar(500) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `follow_ups` DROP COLUMN `photo_url`');
    await queryRunner.query('DROP TABLE `feedback_photos`');
  }
}
