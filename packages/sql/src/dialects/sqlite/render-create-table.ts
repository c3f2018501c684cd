import { unsupportedOperation, type ForeignKeySnapshot, type IndexSnapshot, type ReferentialAction, type TableSnapshot } from '@tidemark/core';
import { renderColumnDefinition } from './render-column.js';
import { quoteIdentifier } from './quote.js';
import { renderIndexKeys, renderIndexWhere } from '../index-keys.js';
import { renderCheck } from '../check-constraint.js';

const ACTIONS: Record<ReferentialAction, string> = {
  cascade: 'CASCADE', restrict: 'RESTRICT', 'set null': 'SET NULL', 'no action': 'NO ACTION',
};

const list = (names: readonly string[]): string => names.map(quoteIdentifier).join(', ');

/** `renderForeignKey` renders a named FOREIGN KEY table constraint. */
export function renderForeignKey(fk: ForeignKeySnapshot): string {
  return `CONSTRAINT ${quoteIdentifier(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${quoteIdentifier(fk.referencedTable)} `
    + `(${list(fk.referencedColumns)}) ON DELETE ${ACTIONS[fk.onDelete]} ON UPDATE ${ACTIONS[fk.onUpdate]}`;
}

/** `renderCreateIndex` renders CREATE [UNIQUE] INDEX; indexes always get a name, so introspection finds them. */
export function renderCreateIndex(table: string, index: IndexSnapshot): string {
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdentifier(index.name)} ON ${quoteIdentifier(table)} (${renderIndexKeys(index, quoteIdentifier)})${renderIndexWhere(index)}`;
}

/**
 * `autoIncrementKey` returns the table's auto-increment column, checking that SQLite can express
 * it: AUTOINCREMENT exists only on an `INTEGER PRIMARY KEY` that is the whole key
 * (https://www.sqlite.org/autoinc.html).
 */
export function autoIncrementKey(table: TableSnapshot): string | undefined {
  const autos = table.columns.filter((c) => c.autoIncrement);
  if (autos.length === 0) return undefined;
  const auto = autos[0]!;
  const fits = autos.length === 1 && table.primaryKey.length === 1 && table.primaryKey[0] === auto.name
    && (auto.type === 'i32' || auto.type === 'i64');
  if (!fits) {
    throw unsupportedOperation('sqlite', `auto-increment ${table.name}.${auto.name} unless it is the whole integer primary key`,
      'make the auto-increment column the only key column, or drop autoIncrement');
  }
  return auto.name;
}

/**
 * `renderCreateTable` renders CREATE TABLE with the columns, the key and the named foreign keys,
 * under `name` (the rebuild creates the new table under a temporary name). Indexes are separate
 * statements (`renderCreateIndex`).
 */
export function renderCreateTable(table: TableSnapshot, name = table.name): string {
  const auto = autoIncrementKey(table);
  const lines = table.columns.map((c) => renderColumnDefinition(c, c.name === auto));
  if (auto === undefined && table.primaryKey.length > 0) lines.push(`PRIMARY KEY (${list(table.primaryKey)})`);
  for (const fk of table.foreignKeys) lines.push(renderForeignKey(fk));
  for (const check of table.checks ?? []) lines.push(renderCheck(check, quoteIdentifier));
  return `CREATE TABLE ${quoteIdentifier(name)} (\n  ${lines.join(',\n  ')}\n)`;
}
