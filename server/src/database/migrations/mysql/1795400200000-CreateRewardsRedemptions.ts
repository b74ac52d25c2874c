import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewards, redemptions and each member's holdings per reward (MySQL 8 and MariaDB 10.11). */
export class CreateRewardsRedemptions1795400200000 implements MigrationInterface {
  name = 'CreateRewardsRedemptions1795400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `rewards` (`id` bigint NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, `description` text NOT NULL, `kind` varchar(16) NOT NULL, `points_cost` bigint NOT NULL, `stock` int NOT NULL, `stock_left` int NOT NULL, `per_member_limit` int NOT NULL, `tiers` text NOT NULL, `available_from` datetime(3) NOT NULL, `available_to` datetime(3) NOT NULL, `image_url` varchar(500) NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `ix_rewards_available_to` (`available_to`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `redemptions` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `reward_id` bigint NOT NULL, `quantity` int NOT NULL, `points_spent` bigint NOT NULL, `balance_after` bigint NOT NULL, `status` varchar(16) NOT NULL, `code` varchar(8) NOT NULL, `idempotency_key` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, `fulfilled_at` datetime(3) NULL, `fulfilled_by` bigint NULL, `fulfilled_store_id` bigint NULL, `cancelled_at` datetime(3) NULL, `cancelled_by` bigint NULL, INDEX `ix_redemptions_reward_status` (`reward_id`, `status`), INDEX `ix_redemptions_member` (`member_id`, `id`), UNIQUE INDEX `uq_redemptions_member_key` (`member_id`, `idempotency_key`), UNIQUE INDEX `uq_redemptions_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `reward_holdings` (`reward_id` bigint NOT NULL, `member_id` bigint NOT NULL, `units` int NOT NULL DEFAULT '0', PRIMARY KEY (`reward_id`, `member_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    for (const [table, name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`${name}\``);
    }
    await queryRunner.query('DROP TABLE `reward_holdings`');
    await queryRunner.query('DROP TABLE `redemptions`');
    await queryRunner.query('DROP TABLE `rewards`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, name: string, column: string, target: string]> = [
  ['redemptions', 'fk_redemptions_member', 'member_id', 'members'],
  ['redemptions', 'fk_redemptions_reward', 'reward_id', 'rewards'],
  ['redemptions', 'fk_redemptions_fulfilled_by', 'fulfilled_by', 'staff'],
  ['redemptions', 'fk_redemptions_fulfilled_store', 'fulfilled_store_id', 'stores'],
  ['redemptions', 'fk_redemptions_cancelled_by', 'cancelled_by', 'staff'],
];
