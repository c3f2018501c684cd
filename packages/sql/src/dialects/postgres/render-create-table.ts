import type { ForeignKeySnapshot, IndexSnapshot, ReferentialAction, TableSnapshot } from '@tidemark/core';
import { renderIndexKeys, renderIndexWhere } from '../index-keys.js';
import { renderCheck } from '../check-constraint.js';
import { primaryKeyName } from './constraint-names.js';
import { quoteIdentifier } from './quote.js';
import { hasEnumCheck, renderColumnDefinition, renderEnumCheck } from './render-column.js';

const ACTIONS: Record<ReferentialAction, string> = {
  cascade: 'CASCADE', restrict: 'RESTRICT', 'set null': 'SET NULL', 'no action': 'NO ACTION',
};

const list = (names: readonly string[]): string => names.map(quoteIdentifier).join(', ');

/** `renderPrimaryKey` renders the named PRIMARY KEY table constraint (see `primaryKeyName`). */
export function renderPrimaryKey(table: string, columns: readonly string[]): string {
  return `CONSTRAINT ${quoteIdentifier(primaryKeyName(table))} PRIMARY KEY (${list(columns)})`;
}

/** `renderForeignKey` renders a named FOREIGN KEY table constraint with both actions spelled out. */
export function renderForeignKey(fk: ForeignKeySnapshot): string {
  return `CONSTRAINT ${quoteIdentifier(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${quoteIdentifier(fk.referencedTable)} `
    + `(${list(fk.referencedColumns)}) ON DELETE ${ACTIONS[fk.onDelete]} ON UPDATE ${ACTIONS[fk.onUpdate]}`;
}

/**
 * `renderCreateIndex` renders CREATE [UNIQUE] INDEX [CONCURRENTLY]. A unique index is an index,
 * not a UNIQUE constraint, so it introspects as the index the model declared.
 * CONCURRENTLY builds without blocking writes and only runs outside a transaction
 * (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 */
export function renderCreateIndex(table: string, index: IndexSnapshot, concurrently = false): string {
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdentifier(index.name)} `
    + `ON ${quoteIdentifier(table)} ${index.using ? `USING ${index.using} ` : ''}(${renderIndexKeys(index, quoteIdentifier)})${renderIndexWhere(index)}`;
}

/**
 * `renderCreateTable` renders CREATE TABLE with the columns, the named key, the enum CHECKs and
 * the named foreign keys. Indexes are separate statements (`renderCreateIndex`).
 */
export function renderCreateTable(table: TableSnapshot): string {
  const lines = table.columns.map((c) => renderColumnDefinition(c));
  if (table.primaryKey.length > 0) lines.push(renderPrimaryKey(table.name, table.primaryKey));
  for (const c of table.columns) if (hasEnumCheck(c)) lines.push(renderEnumCheck(table.name, c));
  for (const fk of table.foreignKeys) lines.push(renderForeignKey(fk));
  for (const check of table.checks ?? []) lines.push(renderCheck(check, quoteIdentifier));
  return `CREATE TABLE ${quoteIdentifier(table.name)} (\n  ${lines.join(',\n  ')}\n)`;
}
