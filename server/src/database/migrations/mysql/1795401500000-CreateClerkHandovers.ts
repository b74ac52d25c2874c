import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clerk handovers (MySQL 8 and MariaDB 10.11): one audit row per manager's handover of a clerk's members. */
export class CreateClerkHandovers1795401500000 implements MigrationInterface {
  name = 'CreateClerkHandovers1795401500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `clerk_handovers` (`id` bigint NOT NULL AUTO_INCREMENT, `from_staff_id` bigint NOT NULL, `by_staff_id` bigint NOT NULL, `moved` int NOT NULL, `by_clerk` text NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `clerk_handovers`');
  }
}
