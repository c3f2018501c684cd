import { findTable, precheckFailed, type SchemaOperation, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { convertedValue, quoteIdentifier as q } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { plainRow, SAMPLE_SIZE } from './sample.js';

/**
 * Fails when rows repeat over `columns`, each read through `expressions[column]` when given (a
 * column as it will read after a type change) and as stored otherwise. NULLs never repeat, as in
 * a unique index (https://www.postgresql.org/docs/current/indexes-unique.html).
 */
async function failOnDuplicates(executor: SqlExecutor, table: TableSnapshot, columns: readonly string[], check: string, hint: string,
  expressions: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const exprs = columns.map((c) => expressions.get(c) ?? q(c));
  const groups = `FROM ${q(table.name)} WHERE ${exprs.map((e) => `(${e}) IS NOT NULL`).join(' AND ')} GROUP BY ${exprs.join(', ')} HAVING count(*) > 1`;
  const [row] = await executor.all<{ n: number }>(`SELECT coalesce(sum(n), 0)::bigint AS n FROM (SELECT count(*) AS n ${groups}) AS d`);
  const count = Number(row?.n ?? 0);
  if (count === 0) return;
  const cols = exprs.map((e, i) => `${e} AS ${q(columns[i]!)}`).join(', ');
  const samples = await executor.all(`SELECT ${cols}, count(*) AS "duplicates" ${groups} ORDER BY ${exprs.join(', ')} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, `${table.name} (${columns.join(', ')})`, count, samples.map(plainRow), hint);
}

/**
 * `checkDuplicates` refuses a unique index or a new primary key over columns whose values
 * repeat, and a change that would make values of a unique index or key repeat once converted
 * (several texts that all become `true`, decimals that round to one value). It runs after the
 * value checks, since the conversion it compares with fails on values they refuse.
 */
export async function checkDuplicates(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  if (operation.kind === 'createIndex' && operation.index.unique) {
    const table = findTable(before, operation.table);
    if (table) await failOnDuplicates(executor, table, operation.index.columns, 'unique', 'remove or change the duplicate rows first, or make the index non-unique');
  }
  if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
    const table = findTable(before, operation.table);
    if (table) await failOnDuplicates(executor, table, operation.columns, 'primary key', 'remove or change the duplicate rows first, or choose other key columns');
  }
  const a = alteredColumn(operation, before);
  const merges = a && (a.from.type !== a.to.type || (a.to.type === 'decimal' && (a.to.scale ?? 0) < (a.from.scale ?? 0)));
  if (!a || !merges) return;
  const converted = new Map([[a.from.name, convertedValue(a.from, a.to)]]);
  const uniques = [
    ...(a.table.primaryKey.includes(a.from.name) ? [{ columns: a.table.primaryKey, check: 'primary key' }] : []),
    ...a.table.indexes.filter((i) => i.unique && i.columns.includes(a.from.name)).map((i) => ({ columns: i.columns, check: `unique ${i.name}` })),
  ];
  for (const u of uniques) {
    await failOnDuplicates(executor, a.table, u.columns, u.check,
      `converted to ${a.to.type}, these values would repeat; change them first, or drop the unique index`, converted);
  }
}
