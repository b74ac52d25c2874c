import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stores, staff, members, platform identities, refresh tokens and the points ledger (embedded SQLite). */
export class CreateMembersStoresStaff1795400000000 implements MigrationInterface {
  name = 'CreateMembersStoresStaff1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stores" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "city" varchar(40) NOT NULL, "address" varchar(200) NOT NULL, "created_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(32) NOT NULL, "password_hash" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "store_id" bigint, "name" varchar(40) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_staff_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_staff_store" ON "staff" ("store_id", "role", "active")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_username" ON "staff" ("username")`);
    await queryRunner.query(
      `CREATE TABLE "members" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_no" varchar(9) NOT NULL, "name" varchar(40) NOT NULL, "gender" varchar(8) NOT NULL, "birth_year" integer, "birth_month" integer, "birth_day" integer, "birth_md" integer, "phone" varchar(16), "interests" text NOT NULL, "occupation" varchar(40), "store_id" bigint, "clerk_id" bigint, "points" bigint NOT NULL DEFAULT (0), "tier" varchar(16) NOT NULL DEFAULT ('friend'), "qualifying_spend" bigint NOT NULL DEFAULT (0), "referral_code" varchar(16) NOT NULL, "referred_by_code" varchar(16), "consent_marketing" boolean NOT NULL DEFAULT (0), "consent_marketing_at" datetime(3), "joined_at" datetime(3) NOT NULL, "erased_at" datetime(3), CONSTRAINT "fk_members_store" FOREIGN KEY ("store_id") REFERENCES "stores" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_members_clerk" FOREIGN KEY ("clerk_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_members_birth_md" ON "members" ("birth_md")`);
    await queryRunner.query(`CREATE INDEX "ix_members_clerk" ON "members" ("clerk_id")`);
    await queryRunner.query(`CREATE INDEX "ix_members_store" ON "members" ("store_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_members_referral_code" ON "members" ("referral_code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_members_phone" ON "members" ("phone")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_members_member_no" ON "members" ("member_no")`);
    await queryRunner.query(
      `CREATE TABLE "points_ledger" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "delta" bigint NOT NULL, "kind" varchar(24) NOT NULL, "balance_after" bigint NOT NULL, "ref" varchar(128), "created_at" datetime(3) NOT NULL, "expires_at" datetime(3), CONSTRAINT "fk_points_ledger_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_points_ledger_member" ON "points_ledger" ("member_id", "id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_points_ledger_kind_ref" ON "points_ledger" ("kind", "ref")`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_identities" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "platform" varchar(16) NOT NULL, "platform_user_id" varchar(128) NOT NULL, "member_id" bigint, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_member_identities_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_member_identities_member" ON "member_identities" ("member_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_member_identities_platform_user" ON "member_identities" ("platform", "platform_user_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "subject_kind" varchar(16) NOT NULL, "subject_id" bigint NOT NULL, "family" varchar(36) NOT NULL, "created_at" datetime(3) NOT NULL, "expires_at" datetime(3) NOT NULL, "used_at" datetime(3), "revoked_at" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_subject" ON "refresh_tokens" ("subject_kind", "subject_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "member_identities"`);
    await queryRunner.query(`DROP TABLE "points_ledger"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP TABLE "stores"`);
  }
}
