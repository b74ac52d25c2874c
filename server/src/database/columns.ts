import { PrimaryGeneratedColumn, type ColumnOptions, type ValueTransformer } from 'typeorm';
import type { PrimaryGeneratedColumnNumericOptions } from 'typeorm/decorator/options/PrimaryGeneratedColumnNumericOptions';
import { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * mysql2 hands BIGINT back as a string and better-sqlite3 as a number; ids travel as strings in the
 * contract whichever database sits underneath.
 */
export const bigintAsString: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : String(value)),
};

/** Points and money fit a JS number (far below 2^53) and are summed as numbers. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** The bigint auto-increment id every table has, read as a string; `pkName` names the constraint. */
export function IdColumn(pkName: string): PropertyDecorator {
  // PrimaryGeneratedColumn passes every option through to the column, transformer included,
  // though its options type does not list it.
  const options: PrimaryGeneratedColumnNumericOptions & Pick<ColumnOptions, 'transformer'> = {
    name: 'id',
    type: 'bigint',
    primaryKeyConstraintName: pkName,
    transformer: bigintAsString,
  };
  return PrimaryGeneratedColumn(options);
}

/** A foreign key or other reference to a bigint id, read as a string. */
export const bigintRefColumn = (name: string, nullable: boolean): ColumnOptions => ({
  name,
  type: 'bigint',
  nullable,
  transformer: bigintAsString,
});

/** Millisecond UTC timestamps (`DATETIME(3)`). */
export const timestampColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  nullable,
});

// SQLite only auto-increments an `INTEGER PRIMARY KEY` (its 64-bit rowid), so a generated bigint
// id is spelled `integer` there; without this both the migrations and the drift check would
// disagree with MySQL's `bigint`. The SQLite driver is the only one touched.
const sqliteNormalizeType = AbstractSqliteDriver.prototype.normalizeType;
AbstractSqliteDriver.prototype.normalizeType = function normalizeType(
  column: Parameters<typeof sqliteNormalizeType>[0],
) {
  const meta = column as Partial<ColumnMetadata>;
  if (meta.type === 'bigint' && meta.isGenerated === true && meta.generationStrategy === 'increment') {
    return 'integer';
  }
  return sqliteNormalizeType.call(this, column);
};
