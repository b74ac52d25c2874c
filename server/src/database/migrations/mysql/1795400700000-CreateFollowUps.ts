import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-ups of low ratings, with their deadlines (MySQL 8 and MariaDB 10.11). */
export class CreateFollowUps1795400700000 implements MigrationInterface {
  name = 'CreateFollowUps1795400700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `follow_ups` (`id` bigint NOT NULL AUTO_INCREMENT, `store_id` bigint NULL, `member_id` bigint NOT NULL, `subject` varchar(16) NOT NULL, `ref_id` bigint NULL, `rating` int NOT NULL, `comment` text NOT NULL, `status` varchar(16) NOT NULL, `opened_at` datetime(3) NOT NULL, `first_response_due_at` datetime(3) NOT NULL, `resolve_due_at` datetime(3) NOT NULL, `resolved_at` datetime(3) NULL, `resolved_by_staff_id` bigint NULL, `resolution_note` text NULL, INDEX `ix_follow_ups_status` (`status`, `id`), INDEX `ix_follow_ups_store_status` (`store_id`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    for (const [name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE \`follow_ups\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`follow_ups\` DROP FOREIGN KEY \`${name}\``);
    }
    await queryRunner.query('DROP TABLE `follow_ups`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [name: string, column: string, target: string]> = [
  ['fk_follow_ups_store', 'store_id', 'stores'],
  ['fk_follow_ups_member', 'member_id', 'members'],
  ['fk_follow_ups_resolved_by', 'resolved_by_staff_id', 'staff'],
];
