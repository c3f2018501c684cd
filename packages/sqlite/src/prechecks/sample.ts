import { precheckFailed, type PortableType, type TableSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';

/** `SAMPLE_SIZE` is how many offending rows a precheck failure shows. */
export const SAMPLE_SIZE = 5;

const q = sqlite.quoteIdentifier;

/**
 * `failIfAny` counts the rows of `table` matching `where` and, if there are any, throws
 * TM_PRECHECK_FAILED with the count and up to five rows (their key, or rowid, and `columns`), in key order.
 */
export function failIfAny(executor: SqliteExecutor, table: TableSnapshot, where: string, columns: readonly string[],
  check: string, target: string, hint: string): void {
  const from = `FROM ${q(table.name)} WHERE ${where}`;
  const count = executor.allSync<{ n: number }>(`SELECT COUNT(*) AS n ${from}`)[0]?.n ?? 0;
  if (count === 0) return;
  const key = table.primaryKey.length > 0 ? table.primaryKey : ['rowid'];
  const shown = [...new Set([...key, ...columns])].map(q).join(', ');
  // in key order, so the same data always shows the same samples (as on the other backends)
  const samples = executor.allSync(`SELECT ${shown} ${from} ORDER BY ${key.map(q).join(', ')} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, target, count, samples, hint);
}

/**
 * `isNumericSql` is a SQL condition true when `column` holds a number or text that reads as one
 * the way PostgreSQL and MySQL read it (see `isNumberTextSql` in @tidemark/sql).
 */
export function isNumericSql(column: string): string {
  const c = q(column);
  return `(CASE WHEN typeof(${c}) IN ('integer', 'real') THEN 1 WHEN typeof(${c}) = 'text' THEN ${sqlite.isNumberTextSql(c)} ELSE 0 END)`;
}

/**
 * `isExactSourceSql` is a condition that limits a range or precision check to values that
 * convert exactly: numbers, and text written canonically for `to` (other number text is
 * `checkNumberText`'s to report, so no row is counted by two checks).
 */
export function isExactSourceSql(column: string, to: PortableType): string {
  const c = q(column);
  return `(typeof(${c}) IN ('integer', 'real') OR (typeof(${c}) = 'text' AND ${sqlite.isCanonicalNumberSql(c, to)}))`;
}
