import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member feedback, store opening hours (null: the club default) and the follow-up's first response and
 * escalation (MySQL 8 and MariaDB 10.11).
 */
export class AddFeedbackStoreHours1795401200000 implements MigrationInterface {
  name = 'AddFeedbackStoreHours1795401200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `stores` ADD `opening_hours` text NULL');
    await queryRunner.query(
      'ALTER TABLE `follow_ups` ADD `first_responded_at` datetime(3) NULL, ADD `first_response_note` text NULL, ADD `escalated_at` datetime(3) NULL, ADD `escalation_reason` varchar(16) NULL',
    );
    await queryRunner.query(
      'CREATE TABLE `feedback` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `subject` varchar(16) NOT NULL, `ref_id` bigint NULL, `store_id` bigint NULL, `rating` int NOT NULL, `comment` text NOT NULL, `photo_url` varchar(500) NULL, `follow_up_id` bigint NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_feedback_member` (`member_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    for (const [name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE \`feedback\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`feedback\` DROP FOREIGN KEY \`${name}\``);
    }
    await queryRunner.query('DROP TABLE `feedback`');
    await queryRunner.query(
      'ALTER TABLE `follow_ups` DROP COLUMN `escalation_reason`, DROP COLUMN `escalated_at`, DROP COLUMN `first_response_note`, DROP COLUMN `first_responded_at`',
    );
    await queryRunner.query('ALTER TABLE `stores` DROP COLUMN `opening_hours`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [name: string, column: string, target: string]> = [
  ['fk_feedback_member', 'member_id', 'members'],
  ['fk_feedback_store', 'store_id', 'stores'],
  ['fk_feedback_follow_up', 'follow_up_id', 'follow_ups'],
];
