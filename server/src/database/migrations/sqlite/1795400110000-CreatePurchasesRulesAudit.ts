import { DEFAULT_CLUB_RULES } from '@vip-club/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchases and refunds, rule sets (seeded with the contract's default rules), POS keys, the audit
 * log, member notices and job runs (embedded SQLite).
 */
export class CreatePurchasesRulesAudit1795400110000 implements MigrationInterface {
  name = 'CreatePurchasesRulesAudit1795400110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rule_sets" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rules" text NOT NULL, "created_at" datetime(3) NOT NULL, "created_by" bigint)`,
    );
    await queryRunner.query(
      `CREATE TABLE "purchases" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "store_id" bigint NOT NULL, "order_no" varchar(64) NOT NULL, "member_id" bigint NOT NULL, "amount" bigint NOT NULL, "occurred_at" datetime(3) NOT NULL, "recorded_at" datetime(3) NOT NULL, "recorded_by" varchar(40) NOT NULL, "points_earned" bigint NOT NULL, "earn_entry_id" bigint, "rule_set_id" bigint, "tier_before" varchar(16) NOT NULL, "tier_after" varchar(16) NOT NULL, "balance_after" bigint NOT NULL, "pending_until" datetime(3), "refunded_amount" bigint NOT NULL DEFAULT (0), "points_reversed" bigint NOT NULL DEFAULT (0), CONSTRAINT "fk_purchases_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_purchases_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_purchases_member" ON "purchases" ("member_id", "occurred_at")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_purchases_store_order" ON "purchases" ("store_id", "order_no")`,
    );
    await queryRunner.query(
      `CREATE TABLE "refunds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purchase_id" bigint NOT NULL, "amount" bigint NOT NULL, "reason" varchar(200) NOT NULL, "points_reversed" bigint NOT NULL, "balance_after" bigint NOT NULL, "idempotency_key" varchar(64), "created_by" varchar(40) NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_refunds_purchase" FOREIGN KEY ("purchase_id") REFERENCES "purchases" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_refunds_purchase_key" ON "refunds" ("purchase_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "store_id" bigint NOT NULL, "name" varchar(60), "key_hash" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL, "created_by" bigint NOT NULL, "revoked_at" datetime(3), CONSTRAINT "fk_api_keys_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_keys_store" ON "api_keys" ("store_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("key_hash")`);
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actor" varchar(60) NOT NULL, "action" varchar(60) NOT NULL, "entity" varchar(40) NOT NULL, "entity_id" varchar(40) NOT NULL, "before" text, "after" text, "created_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity", "id")`);
    await queryRunner.query(
      `CREATE TABLE "member_notices" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(120) NOT NULL, "body" text NOT NULL, "data" text, "ref" varchar(128) NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_member_notices_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_member_notices_member" ON "member_notices" ("member_id", "id")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_member_notices_ref" ON "member_notices" ("ref")`);
    await queryRunner.query(
      `CREATE TABLE "job_runs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "job" varchar(40) NOT NULL, "period" varchar(16) NOT NULL, "ran_at" datetime(3) NOT NULL, "effects" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_runs_job_period" ON "job_runs" ("job", "period")`);
    // The rules in force until a manager first changes them: the defaults with no return window.
    await queryRunner.query(
      `INSERT INTO "rule_sets" ("rules", "created_at", "created_by") VALUES (?, ?, NULL)`,
      [
        JSON.stringify({ ...DEFAULT_CLUB_RULES, returnWindowDays: 0 }),
        // A plain UTC DATETIME string: the SQLite driver binds no Date objects in raw queries.
        new Date().toISOString().replace('T', ' ').replace('Z', ''),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`DROP TABLE "member_notices"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "refunds"`);
    await queryRunner.query(`DROP TABLE "purchases"`);
    await queryRunner.query(`DROP TABLE "rule_sets"`);
  }
}
