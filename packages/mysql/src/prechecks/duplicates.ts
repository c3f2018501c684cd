import { findTable, precheckFailed, type SchemaOperation, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import { quoteIdentifier } from '../dialect/names.js';
import type { MysqlExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { convertedValue } from './converted-value.js';
import { plainRow, SAMPLE_SIZE } from './sample.js';

const q = quoteIdentifier;

/**
 * Fails when rows repeat over `columns`, each read through `expressions[column]` when given (a
 * column as it will read after a type change) and as stored otherwise. Like MySQL's unique
 * indexes, rows with a NULL in any of the columns never repeat.
 */
async function failOnDuplicates(executor: MysqlExecutor, table: TableSnapshot, columns: readonly string[], check: string, hint: string,
  expressions: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const exprs = columns.map((c) => expressions.get(c) ?? q(c));
  const groups = `FROM ${q(table.name)} WHERE ${exprs.map((e) => `(${e}) IS NOT NULL`).join(' AND ')} GROUP BY ${exprs.join(', ')} HAVING COUNT(*) > 1`;
  const [row] = await executor.all<{ n: number | string | null }>(`SELECT SUM(n) AS n FROM (SELECT COUNT(*) AS n ${groups}) AS repeated`);
  const count = Number(row?.n ?? 0);
  if (count === 0) return;
  const shown = exprs.map((e, i) => `${e} AS ${q(columns[i]!)}`).join(', ');
  const samples = (await executor.all<Record<string, unknown>>(`SELECT ${shown}, COUNT(*) AS ${q('duplicates')} ${groups} ORDER BY ${exprs.join(', ')} LIMIT ${SAMPLE_SIZE}`)).map(plainRow);
  throw precheckFailed(check, `${table.name} (${columns.join(', ')})`, count, samples, hint);
}

/**
 * `checkDuplicates` refuses a unique index or a new primary key over columns whose values
 * repeat, and a type change that would make values of a unique index or key repeat once
 * converted (several texts that all become true, '5' and '05').
 */
export async function checkDuplicates(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  if (operation.kind === 'createIndex' && operation.index.unique) {
    const table = findTable(before, operation.table);
    if (table) await failOnDuplicates(executor, table, operation.index.columns, 'unique', 'remove or change the duplicate rows first, or make the index non-unique');
  }
  const altered = alteredColumn(operation, before);
  if (altered && altered.from.type !== altered.to.type) {
    const converted = new Map([[altered.from.name, convertedValue(altered)]]);
    const uniques = [
      ...(altered.table.primaryKey.includes(altered.from.name) ? [{ columns: altered.table.primaryKey, check: 'primary key' }] : []),
      ...altered.table.indexes.filter((i) => i.unique && i.columns.includes(altered.from.name)).map((i) => ({ columns: i.columns, check: `unique ${i.name}` })),
    ];
    for (const u of uniques) {
      await failOnDuplicates(executor, altered.table, u.columns, u.check,
        `converted to ${altered.to.type}, these values would repeat; change them first, or drop the unique index`, converted);
    }
  }
  if (operation.kind === 'alterPrimaryKey' && operation.columns.length > 0) {
    const table = findTable(before, operation.table);
    if (table) await failOnDuplicates(executor, table, operation.columns, 'primary key', 'remove or change the duplicate rows first, or choose other key columns');
  }
}
