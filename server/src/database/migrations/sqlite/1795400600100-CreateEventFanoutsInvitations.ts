import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event invitations: the publish fan-out's progress and the clerks' personal invitations (embedded SQLite). */
export class CreateEventFanoutsInvitations1795400600100 implements MigrationInterface {
  name = 'CreateEventFanoutsInvitations1795400600100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_fanouts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" bigint NOT NULL, "status" varchar(16) NOT NULL, "cursor_member_id" bigint, "invited" integer NOT NULL DEFAULT (0), "claimed_by" varchar(64), "claimed_until" datetime(3), "created_at" datetime(3) NOT NULL, "finished_at" datetime(3), CONSTRAINT "fk_event_fanouts_event" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_fanouts_event" ON "event_fanouts" ("event_id")`);
    await queryRunner.query(`CREATE INDEX "ix_event_fanouts_status" ON "event_fanouts" ("status")`);
    await queryRunner.query(
      `CREATE TABLE "event_invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_id" bigint NOT NULL, "member_id" bigint NOT NULL, "clerk_id" bigint NOT NULL, "note" varchar(200), "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_event_invitations_event" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_event_invitations_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_event_invitations_clerk" FOREIGN KEY ("clerk_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_invitations_event_member_clerk" ON "event_invitations" ("event_id", "member_id", "clerk_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_event_invitations_event_clerk" ON "event_invitations" ("event_id", "clerk_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_event_invitations_member" ON "event_invitations" ("member_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_event_invitations_clerk" ON "event_invitations" ("clerk_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_invitations"`);
    await queryRunner.query(`DROP TABLE "event_fanouts"`);
  }
}
