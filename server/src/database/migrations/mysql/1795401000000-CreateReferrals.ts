import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals and the hashes of erased members' phones (MySQL 8 and MariaDB 10.11). */
export class CreateReferrals1795401000000 implements MigrationInterface {
  name = 'CreateReferrals1795401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `referrals` (`id` bigint NOT NULL AUTO_INCREMENT, `referrer_id` bigint NOT NULL, `referred_id` bigint NOT NULL, `bound_at` datetime(3) NOT NULL, `status` varchar(16) NOT NULL, `refusal_reason` varchar(32) NULL, `rewarded_at` datetime(3) NULL, `purchase_id` bigint NULL, `referrer_points` int NOT NULL DEFAULT '0', `referred_points` int NOT NULL DEFAULT '0', UNIQUE INDEX `uq_referrals_referred` (`referred_id`), INDEX `ix_referrals_referrer` (`referrer_id`, `status`, `rewarded_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    for (const [name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE \`referrals\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
      );
    }
    await queryRunner.query(
      'CREATE TABLE `erased_phones` (`id` bigint NOT NULL AUTO_INCREMENT, `phone_hash` varchar(64) NOT NULL, `erased_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_erased_phones_hash` (`phone_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `erased_phones`');
    for (const [name] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`referrals\` DROP FOREIGN KEY \`${name}\``);
    }
    await queryRunner.query('DROP TABLE `referrals`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [name: string, column: string, target: string]> = [
  ['fk_referrals_referrer', 'referrer_id', 'members'],
  ['fk_referrals_referred', 'referred_id', 'members'],
  ['fk_referrals_purchase', 'purchase_id', 'purchases'],
];
