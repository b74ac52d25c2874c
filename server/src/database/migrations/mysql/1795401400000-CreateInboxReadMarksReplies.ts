import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The members' inbox read marks and replies (MySQL 8 and MariaDB 10.11). */
export class CreateInboxReadMarksReplies1795401400000 implements MigrationInterface {
  name = 'CreateInboxReadMarksReplies1795401400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `inbox_read_marks` (`id` bigint NOT NULL AUTO_INCREMENT, `member_id` bigint NOT NULL, `last_read_id` bigint NOT NULL, `updated_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_inbox_read_marks_member` (`member_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `inbox_replies` (`id` bigint NOT NULL AUTO_INCREMENT, `notice_id` bigint NOT NULL, `member_id` bigint NOT NULL, `kind` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_inbox_replies_notice_kind` (`notice_id`, `kind`), INDEX `ix_inbox_replies_kind` (`kind`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
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
    await queryRunner.query('DROP TABLE `inbox_replies`');
    await queryRunner.query('DROP TABLE `inbox_read_marks`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, name: string, column: string, target: string]> = [
  ['inbox_read_marks', 'fk_inbox_read_marks_member', 'member_id', 'members'],
  ['inbox_replies', 'fk_inbox_replies_notice', 'notice_id', 'member_notices'],
  ['inbox_replies', 'fk_inbox_replies_member', 'member_id', 'members'],
];
