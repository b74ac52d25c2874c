import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Points lots: what is left of each earning, spent oldest first and expired by the job (MySQL/MariaDB). */
export class CreatePointsLots1795400100000 implements MigrationInterface {
  name = 'CreatePointsLots1795400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `points_lots` (`id` bigint NOT NULL AUTO_INCREMENT, `ledger_entry_id` bigint NOT NULL, `member_id` bigint NOT NULL, `points` bigint NOT NULL, `remaining` bigint NOT NULL, `available_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `rule_set_id` bigint NULL, INDEX `ix_points_lots_expiry` (`expires_at`), INDEX `ix_points_lots_member_spend` (`member_id`, `expires_at`, `id`), UNIQUE INDEX `uq_points_lots_ledger_entry` (`ledger_entry_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `points_lots` ADD CONSTRAINT `fk_points_lots_ledger_entry` FOREIGN KEY (`ledger_entry_id`) REFERENCES `points_ledger`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `points_lots` ADD CONSTRAINT `fk_points_lots_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `points_lots` DROP FOREIGN KEY `fk_points_lots_member`');
    await queryRunner.query('ALTER TABLE `points_lots` DROP FOREIGN KEY `fk_points_lots_ledger_entry`');
    await queryRunner.query('DROP TABLE `points_lots`');
  }
}
