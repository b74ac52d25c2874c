import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Birthday gifts (embedded SQLite): when each member's birthday went on file (existing birthdays
 * count from joining), the managers' gift per tier, and one row per member and year given.
 */
export class CreateBirthdayGifts1795401300000 implements MigrationInterface {
  name = 'CreateBirthdayGifts1795401300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" ADD "birthday_set_at" datetime(3)`);
    await queryRunner.query(`UPDATE "members" SET "birthday_set_at" = "joined_at" WHERE "birth_md" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "birthday_gift_settings" ("id" integer PRIMARY KEY NOT NULL, "gifts" text NOT NULL, "guard_days" integer NOT NULL, "updated_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "birthday_gifts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "year" integer NOT NULL, "kind" varchar(16) NOT NULL, "points" integer, "reward_id" bigint, "redemption_id" bigint, "outcome" varchar(16) NOT NULL, "claim" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_birthday_gifts_member_year" ON "birthday_gifts" ("member_id", "year")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "birthday_gifts"`);
    await queryRunner.query(`DROP TABLE "birthday_gift_settings"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "birthday_set_at"`);
  }
}
