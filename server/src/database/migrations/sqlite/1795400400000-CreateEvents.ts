import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Club events: what, when, who is invited, the registration window and the seat counters (embedded SQLite). */
export class CreateEvents1795400400000 implements MigrationInterface {
  name = 'CreateEvents1795400400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(60) NOT NULL, "kind" varchar(16) NOT NULL, "description" text NOT NULL, "venue" varchar(120) NOT NULL, "store_id" bigint, "cover_image_url" varchar(500), "starts_at" datetime(3) NOT NULL, "ends_at" datetime(3) NOT NULL, "capacity" integer NOT NULL, "points_cost" bigint NOT NULL, "guests_allowed" integer NOT NULL, "eligibility" text NOT NULL, "opens_at" datetime(3) NOT NULL, "closes_at" datetime(3) NOT NULL, "priority_tiers" text NOT NULL, "priority_opens_at" datetime(3), "status" varchar(16) NOT NULL, "confirmed_seats" integer NOT NULL DEFAULT (0), "checked_in_seats" integer NOT NULL DEFAULT (0), "invited_count" integer NOT NULL DEFAULT (0), "published_at" datetime(3), "cancelled_at" datetime(3), "cancel_reason" varchar(200), "created_by_staff_id" bigint NOT NULL, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "fk_events_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_events_created_by" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_events_status_starts" ON "events" ("status", "starts_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "events"`);
  }
}
