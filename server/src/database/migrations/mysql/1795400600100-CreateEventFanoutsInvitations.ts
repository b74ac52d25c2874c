import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event invitations: the publish fan-out's progress and the clerks' personal invitations (MySQL). */
export class CreateEventFanoutsInvitations1795400600100 implements MigrationInterface {
  name = 'CreateEventFanoutsInvitations1795400600100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `event_fanouts` (`id` bigint NOT NULL AUTO_INCREMENT, `event_id` bigint NOT NULL, `status` varchar(16) NOT NULL, `cursor_member_id` bigint NULL, `invited` int NOT NULL DEFAULT 0, `claimed_by` varchar(64) NULL, `claimed_until` datetime(3) NULL, `created_at` datetime(3) NOT NULL, `finished_at` datetime(3) NULL, UNIQUE INDEX `uq_event_fanouts_event` (`event_id`), INDEX `ix_event_fanouts_status` (`status`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `event_invitations` (`id` bigint NOT NULL AUTO_INCREMENT, `event_id` bigint NOT NULL, `member_id` bigint NOT NULL, `clerk_id` bigint NOT NULL, `note` varchar(200) NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_event_invitations_event_member_clerk` (`event_id`, `member_id`, `clerk_id`), INDEX `ix_event_invitations_event_clerk` (`event_id`, `clerk_id`), INDEX `ix_event_invitations_member` (`member_id`), INDEX `ix_event_invitations_clerk` (`clerk_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `event_fanouts` ADD CONSTRAINT `fk_event_fanouts_event` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `event_invitations` ADD CONSTRAINT `fk_event_invitations_event` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `event_invitations` ADD CONSTRAINT `fk_event_invitations_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `event_invitations` ADD CONSTRAINT `fk_event_invitations_clerk` FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `event_invitations` DROP FOREIGN KEY `fk_event_invitations_clerk`');
    await queryRunner.query('ALTER TABLE `event_invitations` DROP FOREIGN KEY `fk_event_invitations_member`');
    await queryRunner.query('ALTER TABLE `event_invitations` DROP FOREIGN KEY `fk_event_invitations_event`');
    await queryRunner.query('ALTER TABLE `event_fanouts` DROP FOREIGN KEY `fk_event_fanouts_event`');
    await queryRunner.query('DROP TABLE `event_invitations`');
    await queryRunner.query('DROP TABLE `event_fanouts`');
  }
}
