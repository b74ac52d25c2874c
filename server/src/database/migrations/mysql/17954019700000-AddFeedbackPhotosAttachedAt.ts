import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback photos (MySQL 8 and MariaDB 10.11): `attached_at`, set when a rating names the photo, so the
 * daily sweep reads only the unattached (`ix_feedback_photos_unattached`) instead of every photo ever
 * kept, and a unique index on `access_key`, by which the sweep looks up the files it finds. Photos
 * already attached get the time of the first rating naming them.
 */
export class AddFeedbackPhotosAttachedAt17954019700000 implements MigrationInterface {
  name = 'AddFeedbackPhotosAttachedAt17954019700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `feedback_photos` ADD `attached_at` datetime(3) NULL');
    await queryRunner.query(
      "UPDATE `feedback_photos` p SET p.`attached_at` = (SELECT MIN(f.`created_at`) FROM `feedback` f WHERE f.`member_id` = p.`member_id` AND f.`photo_url` = CONCAT('/api/v1/feedback/photos/', p.`id`, '/', p.`access_key`))",
    );
    await queryRunner.query(
      'CREATE INDEX `ix_feedback_photos_unattached` ON `feedback_photos` (`attached_at`, `created_at`)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX `uq_feedback_photos_access_key` ON `feedback_photos` (`access_key`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_feedback_photos_access_key` ON `feedback_photos`');
    await queryRunner.query('DROP INDEX `ix_feedback_photos_unattached` ON `feedback_photos`');
    await queryRunner.query('ALTER TABLE `feedback_photos` DROP COLUMN `attached_at`');
  }
}
