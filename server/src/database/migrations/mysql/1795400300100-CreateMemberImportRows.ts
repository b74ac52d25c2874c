import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Member-base imports: one row per phone per import, so running a file twice changes nothing (MySQL). */
export class CreateMemberImportRows1795400300100 implements MigrationInterface {
  name = 'CreateMemberImportRows1795400300100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `member_import_rows` (`id` bigint NOT NULL AUTO_INCREMENT, `import_ref` varchar(64) NOT NULL, `file_hash` varchar(64) NOT NULL, `phone` varchar(16) NOT NULL, `member_id` bigint NOT NULL, `outcome` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_member_import_rows_member` (`member_id`), UNIQUE INDEX `uq_member_import_rows_ref_phone` (`import_ref`, `phone`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'ALTER TABLE `member_import_rows` ADD CONSTRAINT `fk_member_import_rows_member` FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `member_import_rows` DROP FOREIGN KEY `fk_member_import_rows_member`',
    );
    await queryRunner.query('DROP TABLE `member_import_rows`');
  }
}
