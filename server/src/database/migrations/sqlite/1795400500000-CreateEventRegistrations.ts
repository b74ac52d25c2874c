import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event registrations: seats, waitlist, tickets, check-ins and ratings (embedded SQLite). */
export class CreateEventRegistrations1795400500000 implements MigrationInterface {
  name = 'CreateEventRegistrations1795400500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_registrations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" bigint NOT NULL, "member_id" bigint NOT NULL, "live_member_id" bigint, "status" varchar(16) NOT NULL, "seats" integer NOT NULL, "guests" integer NOT NULL, "ticket_code" varchar(10) NOT NULL, "points_spent" bigint NOT NULL, "balance_after" bigint NOT NULL, "idempotency_key" varchar(64), "invited_by_clerk_id" bigint, "created_at" datetime(3) NOT NULL, "confirmed_at" datetime(3), "checked_in_at" datetime(3), "checked_in_by_staff_id" bigint, "cancelled_at" datetime(3), "rating" integer, "comment" text, "rated_at" datetime(3), "reminded_at" datetime(3), CONSTRAINT "fk_event_registrations_event" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_event_registrations_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_event_registrations_inviter" FOREIGN KEY ("invited_by_clerk_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_event_registrations_checker" FOREIGN KEY ("checked_in_by_staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_event_registrations_member" ON "event_registrations" ("member_id", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_event_registrations_event_status" ON "event_registrations" ("event_id", "status", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_registrations_ticket" ON "event_registrations" ("ticket_code")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_registrations_member_key" ON "event_registrations" ("member_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_registrations_live_member" ON "event_registrations" ("event_id", "live_member_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_registrations"`);
  }
}
