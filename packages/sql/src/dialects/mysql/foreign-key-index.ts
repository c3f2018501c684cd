import type { ForeignKeySnapshot, TableSnapshot } from '@tidemark/core';
import { quoteIdentifier } from './quote.js';

/**
 * InnoDB needs an index whose first columns are a foreign key's columns. When none exists it
 * creates one, named like the constraint, that the model knows nothing about; worse, it drops
 * that index silently when another one can serve, and keeps it when the key is dropped. So that
 * the live schema stays exactly the model, Tidemark manages this "helper" index itself:
 *
 * - a foreign key has a helper index, named like the key, exactly when no index of the model
 *   (the primary key included) starts with the key's columns;
 * - every statement that changes that (createTable, addForeignKey, dropForeignKey, createIndex,
 *   dropIndex, alterPrimaryKey) adds or drops the helper in the same ALTER TABLE;
 * - introspection leaves out an index named like a foreign key of its table over the same columns.
 *
 * Helpers are created explicitly, never left to InnoDB, because InnoDB only ever drops the
 * indexes it made itself; an explicit one stays until Tidemark drops it.
 */

const startsWith = (columns: readonly string[], prefix: readonly string[]): boolean =>
  prefix.length > 0 && prefix.length <= columns.length && prefix.every((c, i) => columns[i] === c);

/** `isCovered` tells whether a model index (or the key) of `table` starts with `columns`. */
export function isCovered(table: TableSnapshot, columns: readonly string[]): boolean {
  return startsWith(table.primaryKey, columns) || table.indexes.some((i) => startsWith(i.columns, columns));
}

/** `helperIndexes` lists the foreign keys of `table` that need a helper index. */
export function helperIndexes(table: TableSnapshot | undefined): ForeignKeySnapshot[] {
  if (!table) return [];
  return table.foreignKeys.filter((f) => !isCovered(table, f.columns));
}

/** `renderHelperIndex` renders the helper index clause of a foreign key. */
export function renderHelperIndex(fk: ForeignKeySnapshot): string {
  return `INDEX ${quoteIdentifier(fk.name)} (${fk.columns.map(quoteIdentifier).join(', ')})`;
}

/**
 * `helperIndexClauses` returns the ALTER TABLE clauses that take a table's helper indexes from
 * what `before` needs to what `after` needs: `DROP INDEX` for helpers no longer needed and
 * `ADD INDEX` for new ones. Helpers are matched by foreign key name.
 */
export function helperIndexClauses(before: TableSnapshot | undefined, after: TableSnapshot | undefined): { drop: string[]; add: string[] } {
  const had = new Set(helperIndexes(before).map((f) => f.name));
  const needs = helperIndexes(after);
  const needed = new Set(needs.map((f) => f.name));
  return {
    drop: [...had].filter((n) => !needed.has(n)).map((n) => `DROP INDEX ${quoteIdentifier(n)}`),
    add: needs.filter((f) => !had.has(f.name)).map((f) => `ADD ${renderHelperIndex(f)}`),
  };
}

/** `isHelperIndex` tells whether a live index is the helper of a foreign key of its table. */
export function isHelperIndex(index: { name: string; columns: readonly string[] }, foreignKeys: readonly ForeignKeySnapshot[]): boolean {
  return foreignKeys.some((f) => f.name === index.name && f.columns.length === index.columns.length && f.columns.every((c, i) => index.columns[i] === c));
}
