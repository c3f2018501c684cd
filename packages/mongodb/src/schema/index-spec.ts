import { unsupportedOperation, type IndexSnapshot, type TableSnapshot, valueType } from '@tidemark/core';
import type { Document } from '../document.js';
import { KEY_INDEX } from '../names.js';
import { typeAlias } from './bson-types.js';

/** `indexKey` is an ascending index key over `columns`, in order. */
export function indexKey(columns: readonly string[]): Document {
  return Object.fromEntries(columns.map((c) => [c, 1]));
}

/** `keyIndexSpec` is the unique index holding a table's key, or undefined for a table without one. */
export function keyIndexSpec(table: TableSnapshot): Document | undefined {
  return table.primaryKey.length === 0 ? undefined : { key: indexKey(table.primaryKey), name: KEY_INDEX, unique: true };
}

/**
 * `indexSpec` is the `createIndexes` entry of an index. A plain unique index in MongoDB counts a
 * missing or null value as a value, so two documents without an email would collide; SQL lets
 * NULLs repeat. A unique index over nullable columns is therefore partial: it holds only the
 * documents where each nullable column has a value of its type (`$type`, which a partial filter
 * accepts where `$ne: null` is not allowed), and enforces uniqueness exactly where SQL does.
 * The filter depends on the columns' types and nullability, so an alterColumn that changes them
 * rebuilds the index.
 */
export function indexSpec(table: TableSnapshot, index: IndexSnapshot): Document {
  const spec: Document = { key: indexKey(index.columns), name: index.name };
  if (!index.unique) return spec;
  const nullable = index.columns
    .map((name) => table.columns.find((c) => c.name === name))
    .filter((c) => c !== undefined && c.nullable);
  return {
    ...spec,
    unique: true,
    ...(nullable.length > 0 ? { partialFilterExpression: Object.fromEntries(nullable.map((c) => [c!.name, { $type: typeAlias(valueType(c!)) }])) } : {}),
  };
}

/**
 * `checkDistinctIndexKeys` refuses a table whose key and indexes do not all have distinct column
 * lists: MongoDB keeps one index per key pattern (a second one is IndexOptionsConflict), where SQL
 * databases accept, say, a unique index over the key columns. Refused before anything runs.
 */
export function checkDistinctIndexKeys(table: TableSnapshot): void {
  const seen = new Map<string, string>();
  const all = [...(table.primaryKey.length > 0 ? [{ name: 'the key', columns: table.primaryKey }] : []), ...table.indexes.map((i) => ({ name: `index ${i.name}`, columns: i.columns }))];
  for (const { name, columns } of all) {
    const pattern = JSON.stringify(columns);
    const other = seen.get(pattern);
    if (other) {
      throw unsupportedOperation('mongodb', `keep both ${other} and ${name} of ${table.name} on (${columns.join(', ')}): MongoDB allows one index per key pattern`,
        'drop one of them from the model (a key is already unique), or index the columns in another order');
    }
    seen.set(pattern, name);
  }
}
