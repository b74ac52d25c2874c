import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clerks' contacts with members and the per-member marketing cap row (MySQL 8 and MariaDB 10.11). */
export class CreateMemberContacts1795401100000 implements MigrationInterface {
  name = 'CreateMemberContacts1795401100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `member_contacts` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `staff_id` bigint NOT NULL, `purpose` varchar(16) NOT NULL, `text` text NOT NULL, `deliveries` text NOT NULL, `idempotency_key` varchar(64) NOT NULL, `at` datetime(3) NOT NULL, INDEX `ix_member_contacts_member` (`member_id`, `at`), UNIQUE INDEX `uq_member_contacts_staff_key` (`staff_id`, `idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `member_contacts` ADD CONSTRAINT `fk_member_contacts_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `member_contacts` ADD CONSTRAINT `fk_member_contacts_staff` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'CREATE TABLE `member_contact_caps` (`member_id` bigint NOT NULL, `last_marketing_at` datetime(3) NOT NULL, PRIMARY KEY (`member_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `member_contact_caps`');
    await queryRunner.query('ALTER TABLE `member_contacts` DROP FOREIGN KEY `fk_member_contacts_staff`');
    await queryRunner.query('ALTER TABLE `member_contacts` DROP FOREIGN KEY `fk_member_contacts_member`');
    await queryRunner.query('DROP TABLE `member_contacts`');
  }
}
