import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewards, redemptions and each member's holdings per reward (embedded SQLite). */
export class CreateRewardsRedemptions1795400200000 implements MigrationInterface {
  name = 'CreateRewardsRedemptions1795400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rewards" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "description" text NOT NULL, "kind" varchar(16) NOT NULL, "points_cost" bigint NOT NULL, "stock" integer NOT NULL, "stock_left" integer NOT NULL, "per_member_limit" integer NOT NULL, "tiers" text NOT NULL, "available_from" datetime(3) NOT NULL, "available_to" datetime(3) NOT NULL, "image_url" varchar(500), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_rewards_available_to" ON "rewards" ("available_to")`);
    await queryRunner.query(
      `CREATE TABLE "redemptions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "reward_id" bigint NOT NULL, "quantity" integer NOT NULL, "points_spent" bigint NOT NULL, "balance_after" bigint NOT NULL, "status" varchar(16) NOT NULL, "code" varchar(8) NOT NULL, "idempotency_key" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL, "fulfilled_at" datetime(3), "fulfilled_by" bigint, "fulfilled_store_id" bigint, "cancelled_at" datetime(3), "cancelled_by" bigint, CONSTRAINT "fk_redemptions_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_redemptions_reward" FOREIGN KEY ("reward_id") REFERENCES "rewards" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_redemptions_fulfilled_by" FOREIGN KEY ("fulfilled_by") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_redemptions_fulfilled_store" FOREIGN KEY ("fulfilled_store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_redemptions_cancelled_by" FOREIGN KEY ("cancelled_by") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_redemptions_reward_status" ON "redemptions" ("reward_id", "status")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_redemptions_member" ON "redemptions" ("member_id", "id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_redemptions_member_key" ON "redemptions" ("member_id", "idempotency_key")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_redemptions_code" ON "redemptions" ("code")`);
    await queryRunner.query(
      `CREATE TABLE "reward_holdings" ("reward_id" bigint NOT NULL, "member_id" bigint NOT NULL, "units" integer NOT NULL DEFAULT (0), PRIMARY KEY ("reward_id", "member_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reward_holdings"`);
    await queryRunner.query(`DROP TABLE "redemptions"`);
    await queryRunner.query(`DROP TABLE "rewards"`);
  }
}
