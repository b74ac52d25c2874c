import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The message outbox and the members' subscribe-message answers (embedded SQLite). */
export class CreateMessageOutbox1795400600000 implements MigrationInterface {
  name = 'CreateMessageOutbox1795400600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "message_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "topic" varchar(32) NOT NULL, "ref" varchar(128) NOT NULL, "channel" varchar(16) NOT NULL, "title" varchar(120) NOT NULL, "body" text NOT NULL, "data" text, "template" varchar(64), "template_fields" text, "page" varchar(255), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "claimed_by" varchar(64), "claimed_until" datetime(3), "sent_at" datetime(3), "error" varchar(255), "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_message_outbox_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_message_outbox_ref_channel" ON "message_outbox" ("ref", "channel")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_message_outbox_status" ON "message_outbox" ("status", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_message_outbox_claim" ON "message_outbox" ("claimed_by")`);
    await queryRunner.query(`CREATE INDEX "ix_message_outbox_member" ON "message_outbox" ("member_id")`);
    await queryRunner.query(
      `CREATE TABLE "member_subscriptions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "template" varchar(64) NOT NULL, "platform" varchar(16) NOT NULL, "accepted" boolean NOT NULL, "updated_at" datetime(3) NOT NULL, CONSTRAINT "fk_member_subscriptions_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_member_subscriptions_member_template_platform" ON "member_subscriptions" ("member_id", "template", "platform")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "member_subscriptions"`);
    await queryRunner.query(`DROP TABLE "message_outbox"`);
  }
}
