import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals and the hashes of erased members' phones (embedded SQLite). */
export class CreateReferrals1795401000000 implements MigrationInterface {
  name = 'CreateReferrals1795401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "referrer_id" bigint NOT NULL, "referred_id" bigint NOT NULL, "bound_at" datetime(3) NOT NULL, "status" varchar(16) NOT NULL, "refusal_reason" varchar(32), "rewarded_at" datetime(3), "purchase_id" bigint, "referrer_points" integer NOT NULL DEFAULT (0), "referred_points" integer NOT NULL DEFAULT (0), CONSTRAINT "fk_referrals_referrer" FOREIGN KEY ("referrer_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_referrals_referred" FOREIGN KEY ("referred_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_referrals_purchase" FOREIGN KEY ("purchase_id") REFERENCES "purchases" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_referrals_referred" ON "referrals" ("referred_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_referrer" ON "referrals" ("referrer_id", "status", "rewarded_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "erased_phones" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "phone_hash" varchar(64) NOT NULL, "erased_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_erased_phones_hash" ON "erased_phones" ("phone_hash")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "erased_phones"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
  }
}
