import { isDefaultNow, unsupportedOperation, type ColumnDefault, type ColumnSnapshot, internalError, isListDefault } from '@tidemark/core';
import { renderColumnType, sizeMarker } from './column-type.js';
import { quoteIdentifier, renderLiteral, toDatetimeText } from './quote.js';

/**
 * MySQL accepts a literal DEFAULT on TEXT, BLOB and JSON columns only in the expression form
 * `DEFAULT ('x')` (8.0.13+); MariaDB accepts that form too, so it is written for both.
 */
const EXPRESSION_DEFAULT_TYPES = new Set(['text', 'json', 'bytes']);

/**
 * `renderValue` renders a literal for a column of a given type: booleans as 1/0 (TINYINT(1)),
 * ISO timestamps as DATETIME text, everything else as `renderLiteral` writes it.
 */
export function renderValue(column: ColumnSnapshot, value: string | number | boolean): string {
  if (column.type === 'boolean' && typeof value === 'boolean') return value ? '1' : '0';
  if ((column.type === 'timestamp' || column.type === 'date') && typeof value === 'string') return renderLiteral(toDatetimeText(value));
  return renderLiteral(value);
}

/**
 * `renderDefault` renders what follows DEFAULT: `{ fn: 'now' }` is CURRENT_TIMESTAMP(3) for a
 * timestamp and the expression (CURRENT_DATE) for a date (MySQL 8.0.13+, MariaDB 10.2+).
 */
export function renderDefault(column: ColumnSnapshot, value: ColumnDefault): string {
  if (isDefaultNow(value)) {
    if (column.type === 'timestamp') return 'CURRENT_TIMESTAMP(3)';
    if (column.type === 'date') return '(CURRENT_DATE)';
    throw unsupportedOperation('mysql', `default ${column.name} to the current time: it is a ${column.type} column`, 'use Default.now on a date or timestamp column only');
  }
  if (isListDefault(value)) throw internalError('array columns never reach mysql: checkCapabilities refuses them (capabilities.arrayItems)');
  const literal = renderValue(column, value);
  return EXPRESSION_DEFAULT_TYPES.has(column.type) ? `(${literal})` : literal;
}

/**
 * `renderColumnDefinition` renders one column of CREATE TABLE, ADD COLUMN or MODIFY COLUMN.
 * `defaultOverride` replaces the column's default (the back-fill of a new NOT NULL column).
 * @example renderColumnDefinition({ name: 'id', type: 'i32', nullable: false, autoIncrement: true })
 * // '`id` INT NOT NULL AUTO_INCREMENT'
 */
export function renderColumnDefinition(column: ColumnSnapshot, defaultOverride?: ColumnDefault): string {
  const parts = [quoteIdentifier(column.name), renderColumnType(column), column.nullable ? 'NULL' : 'NOT NULL'];
  const dflt = defaultOverride ?? column.default;
  if (dflt !== undefined) parts.push(`DEFAULT ${renderDefault(column, dflt)}`);
  if (column.autoIncrement) {
    if (column.type !== 'i32' && column.type !== 'i64') {
      throw unsupportedOperation('mysql', `auto-increment the ${column.type} column ${column.name}`, 'auto-increment an i32 or i64 key column only');
    }
    parts.push('AUTO_INCREMENT');
  }
  const marker = sizeMarker(column);
  if (marker) parts.push(`COMMENT ${renderLiteral(marker)}`);
  return parts.join(' ');
}
