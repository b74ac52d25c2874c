import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event registrations: seats, waitlist, tickets, check-ins and ratings (MySQL 8 and MariaDB 10.11). */
export class CreateEventRegistrations1795400500000 implements MigrationInterface {
  name = 'CreateEventRegistrations1795400500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `event_registrations` (`id` bigint NOT NULL AUTO_INCREMENT, `event_id` bigint NOT NULL, `member_id` bigint NOT NULL, `live_member_id` bigint NULL, `status` varchar(16) NOT NULL, `seats` int NOT NULL, `guests` int NOT NULL, `ticket_code` varchar(10) NOT NULL, `points_spent` bigint NOT NULL, `balance_after` bigint NOT NULL, `idempotency_key` varchar(64) NULL, `invited_by_clerk_id` bigint NULL, `created_at` datetime(3) NOT NULL, `confirmed_at` datetime(3) NULL, `checked_in_at` datetime(3) NULL, `checked_in_by_staff_id` bigint NULL, `cancelled_at` datetime(3) NULL, `rating` int NULL, `comment` text NULL, `rated_at` datetime(3) NULL, `reminded_at` datetime(3) NULL, INDEX `ix_event_registrations_member` (`member_id`, `id`), INDEX `ix_event_registrations_event_status` (`event_id`, `status`, `id`), UNIQUE INDEX `uq_event_registrations_ticket` (`ticket_code`), UNIQUE INDEX `uq_event_registrations_member_key` (`member_id`, `idempotency_key`), UNIQUE INDEX `uq_event_registrations_live_member` (`event_id`, `live_member_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    for (const [name, column, target] of FOREIGN_KEYS) {
      await queryRunner.query(
        `ALTER TABLE \`event_registrations\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...FOREIGN_KEYS].reverse()) {
      await queryRunner.query(`ALTER TABLE \`event_registrations\` DROP FOREIGN KEY \`${name}\``);
    }
    await queryRunner.query('DROP TABLE `event_registrations`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [name: string, column: string, target: string]> = [
  ['fk_event_registrations_event', 'event_id', 'events'],
  ['fk_event_registrations_member', 'member_id', 'members'],
  ['fk_event_registrations_inviter', 'invited_by_clerk_id', 'staff'],
  ['fk_event_registrations_checker', 'checked_in_by_staff_id', 'staff'],
];
