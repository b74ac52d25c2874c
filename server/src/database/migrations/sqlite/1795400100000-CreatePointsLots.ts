import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Points lots: what is left of each earning, spent oldest first and expired by the job (embedded SQLite). */
export class CreatePointsLots1795400100000 implements MigrationInterface {
  name = 'CreatePointsLots1795400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "points_lots" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ledger_entry_id" bigint NOT NULL, "member_id" bigint NOT NULL, "points" bigint NOT NULL, "remaining" bigint NOT NULL, "available_at" datetime(3) NOT NULL, "expires_at" datetime(3) NOT NULL, "rule_set_id" bigint, CONSTRAINT "fk_points_lots_ledger_entry" FOREIGN KEY ("ledger_entry_id") REFERENCES "points_ledger" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT, CONSTRAINT "fk_points_lots_member" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_points_lots_expiry" ON "points_lots" ("expires_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_points_lots_member_spend" ON "points_lots" ("member_id", "expires_at", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_points_lots_ledger_entry" ON "points_lots" ("ledger_entry_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "points_lots"`);
  }
}
