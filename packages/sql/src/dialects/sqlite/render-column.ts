import { isDefaultNow, isListDefault, type BackfillValue, type ColumnDefault, type ColumnSnapshot } from '@tidemark/core';
import { renderColumnType } from './column-type.js';
import { quoteIdentifier, renderLiteral } from './quote.js';

/**
 * `renderValue` renders a literal for a column of a given type: booleans are stored as 1/0 in
 * boolean columns (https://www.sqlite.org/datatype3.html#boolean_datatype), everything else as
 * `renderLiteral` writes it.
 */
export function renderValue(column: ColumnSnapshot, value: BackfillValue): string {
  // an array is its JSON text (booleans stay true/false inside JSON)
  if (isListDefault(value)) return renderLiteral(JSON.stringify(value));
  if (column.type === 'boolean' && typeof value === 'boolean') return value ? '1' : '0';
  return renderLiteral(value);
}

/**
 * `renderDefault` renders a column default: `{ fn: 'now' }` is CURRENT_DATE for a date column
 * and CURRENT_TIMESTAMP otherwise; literals go through `renderValue`.
 */
export function renderDefault(column: ColumnSnapshot, value: ColumnDefault): string {
  if (isDefaultNow(value)) return column.type === 'date' ? 'CURRENT_DATE' : 'CURRENT_TIMESTAMP';
  return renderValue(column, value);
}

/** `renderCheck` returns the column CHECK that keeps booleans 0/1 and enums within their values. */
export function renderCheck(column: ColumnSnapshot): string | undefined {
  const name = quoteIdentifier(column.name);
  if (column.type === 'boolean') return `CHECK (${name} IN (0, 1))`;
  if (column.type === 'array') return `CHECK (json_type(${name}) = 'array')`;
  if (column.type === 'enum') return `CHECK (${name} IN (${(column.values ?? []).map((v) => renderLiteral(v)).join(', ')}))`;
  return undefined;
}

/**
 * `renderColumnDefinition` renders one column of CREATE TABLE or ADD COLUMN. `inlineKey` makes it
 * the table's `INTEGER PRIMARY KEY AUTOINCREMENT` (a rowid alias, which must be declared inline).
 * @example renderColumnDefinition({ name: 'id', type: 'i32', nullable: false, autoIncrement: true }, true)
 * // '"id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL'
 */
export function renderColumnDefinition(column: ColumnSnapshot, inlineKey = false): string {
  const parts = [quoteIdentifier(column.name), renderColumnType(column)];
  if (inlineKey) parts.push('PRIMARY KEY AUTOINCREMENT');
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${renderDefault(column, column.default)}`);
  const check = renderCheck(column);
  if (check) parts.push(check);
  return parts.join(' ');
}
