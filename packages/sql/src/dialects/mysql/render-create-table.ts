import { unsupportedOperation, type ForeignKeySnapshot, type ReferentialAction, type TableSnapshot } from '@tidemark/core';
import { helperIndexes, renderHelperIndex } from './foreign-key-index.js';
import { checkIndexable, renderIndexClause } from './index-columns.js';
import { renderCheck } from '../check-constraint.js';
import { quoteIdentifier } from './quote.js';
import { renderColumnDefinition } from './render-column.js';

/** `TABLE_OPTIONS` end every CREATE TABLE: InnoDB (foreign keys, transactions for the history)
 * and utf8mb4 with a binary collation, so text compares and unique indexes behave as on SQLite
 * and PostgreSQL (case- and accent-sensitive) and the same on MySQL and MariaDB, whose default
 * collations differ. */
export const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

const ACTIONS: Record<ReferentialAction, string> = {
  cascade: 'CASCADE', restrict: 'RESTRICT', 'set null': 'SET NULL', 'no action': 'NO ACTION',
};

const list = (names: readonly string[]): string => names.map(quoteIdentifier).join(', ');

/** `renderForeignKey` renders a named FOREIGN KEY constraint with both actions spelled out. */
export function renderForeignKey(fk: ForeignKeySnapshot): string {
  return `CONSTRAINT ${quoteIdentifier(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${quoteIdentifier(fk.referencedTable)} `
    + `(${list(fk.referencedColumns)}) ON DELETE ${ACTIONS[fk.onDelete]} ON UPDATE ${ACTIONS[fk.onUpdate]}`;
}

/**
 * `checkTable` refuses a table state MySQL cannot hold, before any statement runs:
 * - SET NULL on a NOT NULL column: InnoDB refuses the constraint ("Column cannot be NOT NULL:
 *   needed in a foreign key constraint SET NULL", error 1830) where SQLite and PostgreSQL accept it
 *   and fail at the first delete instead;
 * - a key over a nullable column, or over a text, bytes or json one (keys need whole, non-NULL values).
 */
export function checkTable(table: TableSnapshot): void {
  for (const fk of table.foreignKeys) {
    if (fk.onDelete !== 'set null' && fk.onUpdate !== 'set null') continue;
    const required = fk.columns.find((n) => table.columns.find((c) => c.name === n)?.nullable === false);
    if (required) {
      throw unsupportedOperation('mysql', `keep foreign key ${table.name}.${fk.name} with ON ${fk.onDelete === 'set null' ? 'DELETE' : 'UPDATE'} SET NULL on the NOT NULL column ${required}`,
        `make ${required} nullable (an optional relation), or choose another action (cascade, restrict, no action)`);
    }
  }
  const nullableKey = table.primaryKey.find((n) => table.columns.find((c) => c.name === n)?.nullable);
  if (nullableKey) {
    // MySQL makes key columns NOT NULL (MariaDB silently, MySQL 8 with error 1171): the live
    // column would no longer be what the model says.
    throw unsupportedOperation('mysql', `make the nullable column ${table.name}.${nullableKey} part of the primary key`,
      `make ${nullableKey} NOT NULL first (alterColumn), or use a unique index, which allows NULLs`);
  }
  if (table.primaryKey.length > 0) checkIndexable(table, { name: 'PRIMARY KEY', columns: table.primaryKey, unique: true });
}

/**
 * `renderCreateTable` renders CREATE TABLE with the columns, the key, the indexes, the helper
 * indexes of foreign keys no index covers, and the named foreign keys: one statement, so a table
 * is created whole or not at all.
 */
export function renderCreateTable(table: TableSnapshot): string {
  checkTable(table);
  const lines = table.columns.map((c) => renderColumnDefinition(c));
  if (table.primaryKey.length > 0) lines.push(`PRIMARY KEY (${list(table.primaryKey)})`);
  for (const index of table.indexes) lines.push(renderIndexClause(table, index));
  for (const fk of helperIndexes(table)) lines.push(renderHelperIndex(fk));
  for (const fk of table.foreignKeys) lines.push(renderForeignKey(fk));
  for (const check of table.checks ?? []) lines.push(renderCheck(check, quoteIdentifier));
  return `CREATE TABLE ${quoteIdentifier(table.name)} (\n  ${lines.join(',\n  ')}\n) ${TABLE_OPTIONS}`;
}
