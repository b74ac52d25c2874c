import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff member's mobile phone (embedded SQLite), stored as members' phones are (the 11 digits),
 * indexed so a referral can be matched against the clerks' own phones.
 */
export class AddStaffPhone1795401600000 implements MigrationInterface {
  name = 'AddStaffPhone1795401600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" ADD COLUMN "phone" varchar(16)`);
    await queryRunner.query(`CREATE INDEX "ix_staff_phone" ON "staff" ("phone")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_staff_phone"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP COLUMN "phone"`);
  }
}
