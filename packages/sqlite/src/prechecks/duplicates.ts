import { findTable, precheckFailed, type SchemaOperation, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { SAMPLE_SIZE } from './sample.js';

const q = sqlite.quoteIdentifier;

/**
 * Fails when rows repeat over `columns`, each read through `expressions[column]` when given (a
 * column as it will read after a type change) and as stored otherwise.
 */
function failOnDuplicates(executor: SqliteExecutor, table: TableSnapshot, columns: readonly string[], check: string, hint: string,
  expressions: ReadonlyMap<string, string> = new Map()): void {
  const exprs = columns.map((c) => expressions.get(c) ?? q(c));
  const cols = exprs.map((e, i) => `${e} AS ${q(columns[i]!)}`).join(', ');
  // SQLite's unique indexes let NULLs repeat (https://www.sqlite.org/lang_createindex.html#unique_indexes).
  const groups = `FROM ${q(table.name)} WHERE ${exprs.map((e) => `(${e}) IS NOT NULL`).join(' AND ')} GROUP BY ${exprs.join(', ')} HAVING COUNT(*) > 1`;
  const count = executor.allSync<{ n: number | null }>(`SELECT SUM(n) AS n FROM (SELECT COUNT(*) AS n ${groups})`)[0]?.n ?? 0;
  if (count === 0) return;
  const samples = executor.allSync(`SELECT ${cols}, COUNT(*) AS "duplicates" ${groups} ORDER BY ${exprs.join(', ')} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, `${table.name} (${columns.join(', ')})`, count, samples, hint);
}

/**
 * `checkDuplicates` refuses a unique index or a new primary key over columns whose values
 * repeat, and a type change that would make values of a unique index or key repeat once
 * converted (several texts that all become `true`, reals that round to one integer).
 */
export function checkDuplicates(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  if (operation.kind === 'createIndex' && operation.index.unique) {
    const table = findTable(before, operation.table);
    if (table) failOnDuplicates(executor, table, operation.index.columns, 'unique', 'remove or change the duplicate rows first, or make the index non-unique');
  }
  const altered = alteredColumn(operation, before);
  if (altered && altered.from.type !== altered.to.type) {
    const converted = new Map([[altered.from.name, sqlite.convertColumn(altered.from, altered.to)]]);
    const uniques = [
      ...(altered.table.primaryKey.includes(altered.from.name) ? [{ columns: altered.table.primaryKey, check: 'primary key' }] : []),
      ...altered.table.indexes.filter((i) => i.unique && i.columns.includes(altered.from.name)).map((i) => ({ columns: i.columns, check: `unique ${i.name}` })),
    ];
    for (const u of uniques) {
      failOnDuplicates(executor, altered.table, u.columns, u.check,
        `converted to ${altered.to.type}, these values would repeat; change them first, or drop the unique index`, converted);
    }
  }
  if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
    const table = findTable(before, operation.table);
    if (table) failOnDuplicates(executor, table, operation.columns, 'primary key', 'remove or change the duplicate rows first, or choose other key columns');
  }
}
