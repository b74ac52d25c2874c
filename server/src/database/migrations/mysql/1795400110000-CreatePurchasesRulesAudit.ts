import { DEFAULT_CLUB_RULES } from '@vip-club/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchases and refunds, rule sets (seeded with the contract's default rules), POS keys, the audit
 * log, member notices and job runs (MySQL/MariaDB).
 */
export class CreatePurchasesRulesAudit1795400110000 implements MigrationInterface {
  name = 'CreatePurchasesRulesAudit1795400110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `rule_sets` (`id` bigint NOT NULL AUTO_INCREMENT, `rules` text NOT NULL, `created_at` datetime(3) NOT NULL, `created_by` bigint NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `purchases` (`id` bigint NOT NULL AUTO_INCREMENT, `store_id` bigint NOT NULL, `order_no` varchar(64) NOT NULL, `member_id` bigint NOT NULL, `amount` bigint NOT NULL, `occurred_at` datetime(3) NOT NULL, `recorded_at` datetime(3) NOT NULL, `recorded_by` varchar(40) NOT NULL, `points_earned` bigint NOT NULL, `earn_entry_id` bigint NULL, `rule_set_id` bigint NULL, `tier_before` varchar(16) NOT NULL, `tier_after` varchar(16) NOT NULL, `balance_after` bigint NOT NULL, `pending_until` datetime(3) NULL, `refunded_amount` bigint NOT NULL DEFAULT '0', `points_reversed` bigint NOT NULL DEFAULT '0', INDEX `ix_purchases_member` (`member_id`, `occurred_at`), UNIQUE INDEX `uq_purchases_store_order` (`store_id`, `order_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `refunds` (`id` bigint NOT NULL AUTO_INCREMENT, `purchase_id` bigint NOT NULL, `amount` bigint NOT NULL, `reason` varchar(200) NOT NULL, `points_reversed` bigint NOT NULL, `balance_after` bigint NOT NULL, `idempotency_key` varchar(64) NULL, `created_by` varchar(40) NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_refunds_purchase_key` (`purchase_id`, `idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `api_keys` (`id` bigint NOT NULL AUTO_INCREMENT, `store_id` bigint NOT NULL, `name` varchar(60) NULL, `key_hash` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, `created_by` bigint NOT NULL, `revoked_at` datetime(3) NULL, INDEX `ix_api_keys_store` (`store_id`), UNIQUE INDEX `uq_api_keys_hash` (`key_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `audit_log` (`id` bigint NOT NULL AUTO_INCREMENT, `actor` varchar(60) NOT NULL, `action` varchar(60) NOT NULL, `entity` varchar(40) NOT NULL, `entity_id` varchar(40) NOT NULL, `before` text NULL, `after` text NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_audit_log_actor` (`actor`, `id`), INDEX `ix_audit_log_entity` (`entity`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `member_notices` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `kind` varchar(32) NOT NULL, `title` varchar(120) NOT NULL, `body` text NOT NULL, `data` text NULL, `ref` varchar(128) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_member_notices_member` (`member_id`, `id`), UNIQUE INDEX `uq_member_notices_ref` (`ref`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `job_runs` (`id` bigint NOT NULL AUTO_INCREMENT, `job` varchar(40) NOT NULL, `period` varchar(16) NOT NULL, `ran_at` datetime(3) NOT NULL, `effects` text NOT NULL, UNIQUE INDEX `uq_job_runs_job_period` (`job`, `period`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `purchases` ADD CONSTRAINT `fk_purchases_store` FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `purchases` ADD CONSTRAINT `fk_purchases_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `refunds` ADD CONSTRAINT `fk_refunds_purchase` FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `api_keys` ADD CONSTRAINT `fk_api_keys_store` FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `member_notices` ADD CONSTRAINT `fk_member_notices_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    // The rules in force until a manager first changes them: the defaults with no return window.
    await queryRunner.query(
      'INSERT INTO `rule_sets` (`rules`, `created_at`, `created_by`) VALUES (?, ?, NULL)',
      [
        JSON.stringify({ ...DEFAULT_CLUB_RULES, returnWindowDays: 0 }),
        // A plain UTC DATETIME string: the SQLite driver binds no Date objects in raw queries.
        new Date().toISOString().replace('T', ' ').replace('Z', ''),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `member_notices` DROP FOREIGN KEY `fk_member_notices_member`');
    await queryRunner.query('ALTER TABLE `api_keys` DROP FOREIGN KEY `fk_api_keys_store`');
    await queryRunner.query('ALTER TABLE `refunds` DROP FOREIGN KEY `fk_refunds_purchase`');
    await queryRunner.query('ALTER TABLE `purchases` DROP FOREIGN KEY `fk_purchases_member`');
    await queryRunner.query('ALTER TABLE `purchases` DROP FOREIGN KEY `fk_purchases_store`');
    await queryRunner.query('DROP TABLE `job_runs`');
    await queryRunner.query('DROP TABLE `member_notices`');
    await queryRunner.query('DROP TABLE `audit_log`');
    await queryRunner.query('DROP TABLE `api_keys`');
    await queryRunner.query('DROP TABLE `refunds`');
    await queryRunner.query('DROP TABLE `purchases`');
    await queryRunner.query('DROP TABLE `rule_sets`');
  }
}
