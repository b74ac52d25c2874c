import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stores, staff, members, platform identities, refresh tokens and the points ledger (MySQL 8 and MariaDB 10.11). */
export class CreateMembersStoresStaff1795400000000 implements MigrationInterface {
  name = 'CreateMembersStoresStaff1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `stores` (`id` bigint NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, `city` varchar(40) NOT NULL, `address` varchar(200) NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `staff` (`id` bigint NOT NULL AUTO_INCREMENT, `username` varchar(32) NOT NULL, `password_hash` varchar(255) NOT NULL, `role` varchar(16) NOT NULL, `store_id` bigint NULL, `name` varchar(40) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `created_at` datetime(3) NOT NULL, INDEX `ix_staff_store` (`store_id`, `role`, `active`), UNIQUE INDEX `uq_staff_username` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `members` (`id` bigint NOT NULL AUTO_INCREMENT, `member_no` varchar(9) NOT NULL, `name` varchar(40) NOT NULL, `gender` varchar(8) NOT NULL, `birth_year` int NULL, `birth_month` int NULL, `birth_day` int NULL, `birth_md` int NULL, `phone` varchar(16) NULL, `interests` text NOT NULL, `occupation` varchar(40) NULL, `store_id` bigint NULL, `clerk_id` bigint NULL, `points` bigint NOT NULL DEFAULT '0', `tier` varchar(16) NOT NULL DEFAULT 'friend', `qualifying_spend` bigint NOT NULL DEFAULT '0', `referral_code` varchar(16) NOT NULL, `referred_by_code` varchar(16) NULL, `consent_marketing` tinyint NOT NULL DEFAULT 0, `consent_marketing_at` datetime(3) NULL, `joined_at` datetime(3) NOT NULL, `erased_at` datetime(3) NULL, INDEX `ix_members_birth_md` (`birth_md`), INDEX `ix_members_clerk` (`clerk_id`), INDEX `ix_members_store` (`store_id`), UNIQUE INDEX `uq_members_referral_code` (`referral_code`), UNIQUE INDEX `uq_members_phone` (`phone`), UNIQUE INDEX `uq_members_member_no` (`member_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'CREATE TABLE `points_ledger` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `delta` bigint NOT NULL, `kind` varchar(24) NOT NULL, `balance_after` bigint NOT NULL, `ref` varchar(128) NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NULL, INDEX `ix_points_ledger_member` (`member_id`, `id`), UNIQUE INDEX `uq_points_ledger_kind_ref` (`kind`, `ref`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `member_identities` (`id` bigint NOT NULL AUTO_INCREMENT, `platform` varchar(16) NOT NULL, `platform_user_id` varchar(128) NOT NULL, `member_id` bigint NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_member_identities_member` (`member_id`), UNIQUE INDEX `uq_member_identities_platform_user` (`platform`, `platform_user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `refresh_tokens` (`id` bigint NOT NULL AUTO_INCREMENT, `token_hash` varchar(64) NOT NULL, `subject_kind` varchar(16) NOT NULL, `subject_id` bigint NOT NULL, `family` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, `revoked_at` datetime(3) NULL, INDEX `ix_refresh_tokens_subject` (`subject_kind`, `subject_id`), INDEX `ix_refresh_tokens_family` (`family`), UNIQUE INDEX `uq_refresh_tokens_hash` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `staff` ADD CONSTRAINT `fk_staff_store` FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `members` ADD CONSTRAINT `fk_members_store` FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `members` ADD CONSTRAINT `fk_members_clerk` FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `points_ledger` ADD CONSTRAINT `fk_points_ledger_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
    await queryRunner.query(
      'ALTER TABLE `member_identities` ADD CONSTRAINT `fk_member_identities_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `member_identities` DROP FOREIGN KEY `fk_member_identities_member`');
    await queryRunner.query('ALTER TABLE `points_ledger` DROP FOREIGN KEY `fk_points_ledger_member`');
    await queryRunner.query('ALTER TABLE `members` DROP FOREIGN KEY `fk_members_clerk`');
    await queryRunner.query('ALTER TABLE `members` DROP FOREIGN KEY `fk_members_store`');
    await queryRunner.query('ALTER TABLE `staff` DROP FOREIGN KEY `fk_staff_store`');
    await queryRunner.query('DROP TABLE `refresh_tokens`');
    await queryRunner.query('DROP TABLE `member_identities`');
    await queryRunner.query('DROP TABLE `points_ledger`');
    await queryRunner.query('DROP TABLE `members`');
    await queryRunner.query('DROP TABLE `staff`');
    await queryRunner.query('DROP TABLE `stores`');
  }
}
