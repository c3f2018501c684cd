import { unsupportedOperation, type IndexSnapshot, type PortableType, type TableSnapshot, valueType } from '@tidemark/core';
import { quoteIdentifier } from './quote.js';
import { renderIndexKeys } from '../index-keys.js';

/**
 * `INDEX_PREFIX_LENGTH` is how many leading characters (bytes, for LONGBLOB) of a text or bytes
 * column an index holds: MySQL cannot index a TEXT/BLOB column whole. 255 utf8mb4 characters
 * (1,020 bytes) leave room for three such columns in InnoDB's 3,072-byte key.
 */
export const INDEX_PREFIX_LENGTH = 255;

/** Types MySQL indexes only through a prefix of each value. */
const PREFIXED: readonly PortableType[] = ['text', 'bytes'];

/** `needsPrefix` tells whether an index on a column of this type must use a prefix length. */
export function needsPrefix(type: PortableType): boolean {
  return PREFIXED.includes(type);
}

/**
 * `checkIndexable` refuses an index MySQL cannot build faithfully:
 * - a JSON column cannot be indexed at all (MySQL needs a generated column for that);
 * - a unique index over text or bytes would compare only a prefix of each value, rejecting two
 *   different long values that share their first 255 characters, so it is refused rather than
 *   built with weaker meaning (a non-unique index is fine with a prefix: it only speeds lookups).
 * The key follows the unique rule, since it is unique.
 */
export function checkIndexable(table: TableSnapshot, index: { name: string; columns: readonly string[]; unique: boolean }): void {
  for (const name of index.columns) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) continue; // the reducer has already refused an unknown column
    if (column.type === 'json') {
      throw unsupportedOperation('mysql', `index the json column ${table.name}.${name} (${index.name})`,
        'index a generated column that extracts the value instead (db.execute), or drop the index from the model');
    }
    if (index.unique && needsPrefix(valueType(column))) {
      throw unsupportedOperation('mysql', `enforce uniqueness of the ${column.type} column ${table.name}.${name} (${index.name}): MySQL indexes only a prefix of such values`,
        'make the column a string with a length (VARCHAR), or make the index non-unique');
    }
  }
}

/** `renderIndexColumns` renders an index's column list, with a prefix length where MySQL needs one. */
export function renderIndexColumns(table: TableSnapshot, columns: readonly string[]): string {
  return columns.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    return column && needsPrefix(valueType(column)) ? `${quoteIdentifier(name)}(${INDEX_PREFIX_LENGTH})` : quoteIdentifier(name);
  }).join(', ');
}

/** `renderIndexClause` renders `[UNIQUE] INDEX name (columns)` for CREATE TABLE and ALTER TABLE … ADD. */
export function renderIndexClause(table: TableSnapshot, index: IndexSnapshot): string {
  checkIndexable(table, index);
  return `${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdentifier(index.name)} (${renderIndexKeys(index, (name) => renderIndexColumns(table, [name]))})`;
}
