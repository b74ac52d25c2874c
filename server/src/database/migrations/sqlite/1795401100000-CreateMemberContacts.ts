import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clerks' contacts with members and the per-member marketing cap row (embedded SQLite). */
export class CreateMemberContacts1795401100000 implements MigrationInterface {
  name = 'CreateMemberContacts1795401100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_contacts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "member_id" bigint NOT NULL, "staff_id" bigint NOT NULL, "purpose" varchar(16) NOT NULL, "text" text NOT NULL, "deliveries" text NOT NULL, "idempotency_key" varchar(64) NOT NULL, "at" datetime(3) NOT NULL, CONSTRAINT "fk_member_contacts_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_member_contacts_staff" FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_member_contacts_member" ON "member_contacts" ("member_id", "at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_member_contacts_staff_key" ON "member_contacts" ("staff_id", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_contact_caps" ("member_id" bigint PRIMARY KEY NOT NULL, "last_marketing_at" datetime(3) NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "member_contact_caps"`);
    await queryRunner.query(`DROP TABLE "member_contacts"`);
  }
}
