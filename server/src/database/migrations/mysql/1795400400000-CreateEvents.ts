import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Club events: what, when, who is invited, the registration window and the seat counters (MySQL 8 and MariaDB 10.11). */
export class CreateEvents1795400400000 implements MigrationInterface {
  name = 'CreateEvents1795400400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `events` (`id` bigint NOT NULL AUTO_INCREMENT, `title` varchar(60) NOT NULL, `kind` varchar(16) NOT NULL, `description` text NOT NULL, `venue` varchar(120) NOT NULL, `store_id` bigint NULL, `cover_image_url` varchar(500) NULL, `starts_at` datetime(3) NOT NULL, `ends_at` datetime(3) NOT NULL, `capacity` int NOT NULL, `points_cost` bigint NOT NULL, `guests_allowed` int NOT NULL, `eligibility` text NOT NULL, `opens_at` datetime(3) NOT NULL, `closes_at` datetime(3) NOT NULL, `priority_tiers` text NOT NULL, `priority_opens_at` datetime(3) NULL, `status` varchar(16) NOT NULL, `confirmed_seats` int NOT NULL DEFAULT '0', `checked_in_seats` int NOT NULL DEFAULT '0', `invited_count` int NOT NULL DEFAULT '0', `published_at` datetime(3) NULL, `cancelled_at` datetime(3) NULL, `cancel_reason` varchar(200) NULL, `created_by_staff_id` bigint NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `ix_events_status_starts` (`status`, `starts_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'ALTER TABLE `events` ADD CONSTRAINT `fk_events_store` FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `events` ADD CONSTRAINT `fk_events_created_by` FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `events` DROP FOREIGN KEY `fk_events_created_by`');
    await queryRunner.query('ALTER TABLE `events` DROP FOREIGN KEY `fk_events_store`');
    await queryRunner.query('DROP TABLE `events`');
  }
}
