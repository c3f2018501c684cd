import { findTable, type IndexSnapshot, type TableSnapshot } from '@tidemark/core';
import type { DuplicatesQuery } from './check-query.js';
import { alteredColumn } from './altered-column.js';
import type { SqlCheck } from './sql-check.js';

const repeated = (table: TableSnapshot, columns: readonly string[], check: string, hint: string,
  expressions?: ReadonlyMap<string, string>): DuplicatesQuery =>
  ({ kind: 'duplicates', check, table, columns, target: `${table.name} (${columns.join(', ')})`, hint, ...(expressions ? { expressions } : {}) });

/**
 * `duplicates` refuses a unique index or a new primary key over columns whose values repeat, and
 * a change that would make values of a unique index or key repeat once converted (several texts
 * that all become true, '5' and '05', decimals that round to one value). It compares converted
 * values, so it runs only once every value check has passed.
 */
export const duplicates: SqlCheck = {
  name: 'duplicates',
  needsPassingValues: true,
  queries(operation, before, p) {
    if (operation.kind === 'createIndex' && operation.index.unique) {
      const table = findTable(before, operation.table);
      return table ? [uniqueIndexQuery(table, operation.index, 'unique', 'remove or change the duplicate rows first, or make the index non-unique')] : [];
    }
    if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
      const table = findTable(before, operation.table);
      return table ? [repeated(table, operation.columns, 'primary key', 'remove or change the duplicate rows first, or choose other key columns')] : [];
    }
    const a = alteredColumn(operation, before);
    const merges = a && (a.from.type !== a.to.type || (a.to.type === 'decimal' && (a.to.scale ?? 0) < (a.from.scale ?? 0)));
    if (!a || !merges) return [];
    const converted = new Map([[a.from.name, p.converted(a.from, a.to)]]);
    const hint = `converted to ${a.to.type}, these values would repeat; change them first, or drop the unique index`;
    return [
      ...(a.table.primaryKey.includes(a.from.name) ? [repeated(a.table, a.table.primaryKey, 'primary key', hint, converted)] : []),
      ...a.table.indexes.filter((i) => i.unique && i.columns.includes(a.from.name))
        .map((i) => ({ ...repeated(a.table, i.columns, `unique ${i.name}`, hint, converted), ...(i.where !== undefined ? { where: i.where } : {}) })),
    ];
  },
};

/**
 * The duplicates a unique index would find: over its columns, or its expression (one value,
 * shown as `expression`), among the rows its `where` selects when it is partial.
 */
function uniqueIndexQuery(table: TableSnapshot, index: IndexSnapshot, check: string, hint: string): DuplicatesQuery {
  const base = index.expression !== undefined
    ? repeated(table, ['expression'], check, hint, new Map([['expression', index.expression]]))
    : repeated(table, index.columns, check, hint);
  return {
    ...base,
    ...(index.expression !== undefined ? { target: `${table.name} (${index.expression})` } : {}),
    ...(index.where !== undefined ? { where: index.where } : {}),
  };
}
