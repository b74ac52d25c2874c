import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff member's mobile phone (MySQL 8 and MariaDB 10.11), stored as members' phones are (the 11 digits),
 * indexed so a referral can be matched against the clerks' own phones.
 */
export class AddStaffPhone1795401600000 implements MigrationInterface {
  name = 'AddStaffPhone1795401600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `staff` ADD `phone` varchar(16) NULL, ADD INDEX `ix_staff_phone` (`phone`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `staff` DROP INDEX `ix_staff_phone`, DROP COLUMN `phone`');
  }
}
