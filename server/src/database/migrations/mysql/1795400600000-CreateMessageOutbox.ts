import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The message outbox and the members' subscribe-message answers (MySQL). */
export class CreateMessageOutbox1795400600000 implements MigrationInterface {
  name = 'CreateMessageOutbox1795400600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `message_outbox` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `topic` varchar(32) NOT NULL, `ref` varchar(128) NOT NULL, `channel` varchar(16) NOT NULL, `title` varchar(120) NOT NULL, `body` text NOT NULL, `data` text NULL, `template` varchar(64) NULL, `template_fields` text NULL, `page` varchar(255) NULL, `status` varchar(16) NOT NULL DEFAULT 'pending', `attempts` int NOT NULL DEFAULT 0, `claimed_by` varchar(64) NULL, `claimed_until` datetime(3) NULL, `sent_at` datetime(3) NULL, `error` varchar(255) NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_message_outbox_ref_channel` (`ref`, `channel`), INDEX `ix_message_outbox_status` (`status`, `id`), INDEX `ix_message_outbox_claim` (`claimed_by`), INDEX `ix_message_outbox_member` (`member_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `member_subscriptions` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `template` varchar(64) NOT NULL, `platform` varchar(16) NOT NULL, `accepted` tinyint NOT NULL, `updated_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_member_subscriptions_member_template_platform` (`member_id`, `template`, `platform`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `message_outbox` ADD CONSTRAINT `fk_message_outbox_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `member_subscriptions` ADD CONSTRAINT `fk_member_subscriptions_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `member_subscriptions` DROP FOREIGN KEY `fk_member_subscriptions_member`',
    );
    await queryRunner.query('ALTER TABLE `message_outbox` DROP FOREIGN KEY `fk_message_outbox_member`');
    await queryRunner.query('DROP TABLE `member_subscriptions`');
    await queryRunner.query('DROP TABLE `message_outbox`');
  }
}
