import { findTable, precheckFailed, type SchemaOperation, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { SAMPLE_SIZE } from './sample.js';

function failOnDuplicates(executor: SqliteExecutor, table: TableSnapshot, columns: readonly string[], check: string, hint: string): void {
  const q = sqlite.quoteIdentifier;
  const cols = columns.map(q).join(', ');
  // SQLite's unique indexes let NULLs repeat (https://www.sqlite.org/lang_createindex.html#unique_indexes).
  const groups = `FROM ${q(table.name)} WHERE ${columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING COUNT(*) > 1`;
  const count = executor.allSync<{ n: number | null }>(`SELECT SUM(n) AS n FROM (SELECT COUNT(*) AS n ${groups})`)[0]?.n ?? 0;
  if (count === 0) return;
  const samples = executor.allSync(`SELECT ${cols}, COUNT(*) AS "duplicates" ${groups} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, `${table.name} (${columns.join(', ')})`, count, samples, hint);
}

/** `checkDuplicates` refuses a unique index or a new primary key over columns whose values repeat. */
export function checkDuplicates(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  if (operation.kind === 'createIndex' && operation.index.unique) {
    const table = findTable(before, operation.table);
    if (table) failOnDuplicates(executor, table, operation.index.columns, 'unique', 'remove or change the duplicate rows first, or make the index non-unique');
  }
  if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
    const table = findTable(before, operation.table);
    if (table) failOnDuplicates(executor, table, operation.columns, 'primary key', 'remove or change the duplicate rows first, or choose other key columns');
  }
}
