import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchases by when they occurred and ledger entries by when they were made (MySQL 8 and MariaDB
 * 10.11): the managers' overview sums the last 30 days of each, which otherwise scans both tables.
 */
export class AddInsightsPeriodIndexes17954019000000 implements MigrationInterface {
  name = 'AddInsightsPeriodIndexes17954019000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_purchases_occurred` ON `purchases` (`occurred_at`)');
    await queryRunner.query('CREATE INDEX `ix_points_ledger_created` ON `points_ledger` (`created_at`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_points_ledger_created` ON `points_ledger`');
    await queryRunner.query('DROP INDEX `ix_purchases_occurred` ON `purchases`');
  }
}
