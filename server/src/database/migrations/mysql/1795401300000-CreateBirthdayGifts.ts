import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Birthday gifts (MySQL 8 and MariaDB 10.11): when each member's birthday went on file (existing
 * birthdays count from joining), the managers' gift per tier, and one row per member and year given.
 */
export class CreateBirthdayGifts1795401300000 implements MigrationInterface {
  name = 'CreateBirthdayGifts1795401300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `members` ADD `birthday_set_at` datetime(3) NULL');
    await queryRunner.query('UPDATE `members` SET `birthday_set_at` = `joined_at` WHERE `birth_md` IS NOT NULL');
    await queryRunner.query(
      'CREATE TABLE `birthday_gift_settings` (`id` int NOT NULL, `gifts` text NOT NULL, `guard_days` int NOT NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `birthday_gifts` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `year` int NOT NULL, `kind` varchar(16) NOT NULL, `points` int NULL, `reward_id` bigint NULL, `redemption_id` bigint NULL, `outcome` varchar(16) NOT NULL, `claim` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_birthday_gifts_member_year` (`member_id`, `year`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `birthday_gifts`');
    await queryRunner.query('DROP TABLE `birthday_gift_settings`');
    await queryRunner.query('ALTER TABLE `members` DROP COLUMN `birthday_set_at`');
  }
}
