import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Managers' greeting templates (embedded SQLite). */
export class CreateGreetingTemplates1795401100100 implements MigrationInterface {
  name = 'CreateGreetingTemplates1795401100100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "greeting_templates" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(40) NOT NULL, "text" varchar(500) NOT NULL, "purpose" varchar(16) NOT NULL, "created_by_staff_id" bigint NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "fk_greeting_templates_staff" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "greeting_templates"`);
  }
}
