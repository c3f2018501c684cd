import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { failIfAny, isExactSourceSql } from './sample.js';

const RANGES = { i32: [-2147483648, 2147483647], i64: [-9223372036854775808, 9223372036854775807] } as const;

/**
 * `checkIntegerRange` refuses a change to i32 or i64 while values are out of its range or not
 * whole numbers (i64 → i32, f64 or decimal → integer, integer text → integer). Text that is no
 * number is `checkNumericText`'s to report, number text not written as an integer `checkNumberText`'s.
 */
export function checkIntegerRange(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || (a.to.type !== 'i32' && a.to.type !== 'i64')) return;
  if (a.from.type === 'i32' || a.from.type === 'boolean' || (a.from.type === 'i64' && a.to.type === 'i64')) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  const [min, max] = RANGES[a.to.type];
  const real = `CAST(${c} AS REAL)`;
  failIfAny(executor, a.table,
    `${c} IS NOT NULL AND ${isExactSourceSql(a.from.name, a.to.type)} AND (${real} NOT BETWEEN ${min} AND ${max} OR (typeof(${c}) <> 'integer' AND ${real} <> round(${real})))`,
    [a.from.name], 'integer range', a.target, `change the values to whole numbers between ${min} and ${max} first, or keep the wider type`);
}
