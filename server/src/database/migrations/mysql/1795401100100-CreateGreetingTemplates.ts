import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Managers' greeting templates (MySQL 8 and MariaDB 10.11). */
export class CreateGreetingTemplates1795401100100 implements MigrationInterface {
  name = 'CreateGreetingTemplates1795401100100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `greeting_templates` (`id` bigint NOT NULL AUTO_INCREMENT, `name` varchar(40) NOT NULL, `text` varchar(500) NOT NULL, `purpose` varchar(16) NOT NULL, `created_by_staff_id` bigint NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `greeting_templates` ADD CONSTRAINT `fk_greeting_templates_staff` FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `greeting_templates` DROP FOREIGN KEY `fk_greeting_templates_staff`',
    );
    await queryRunner.query('DROP TABLE `greeting_templates`');
  }
}
