import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts by clerk and time (MySQL 8 and MariaDB 10.11): the clerk-activity report and a clerk's
 * drill-down read a period of contacts per clerk, which otherwise scans the whole table.
 */
export class AddMemberContactsStaffAtIndex17954019500000 implements MigrationInterface {
  name = 'AddMemberContactsStaffAtIndex17954019500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `ix_member_contacts_staff_at` ON `member_contacts` (`staff_id`, `at`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_member_contacts_staff_at` ON `member_contacts`');
  }
}
