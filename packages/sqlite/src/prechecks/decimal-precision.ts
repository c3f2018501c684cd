import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { failIfAny, isExactSourceSql } from './sample.js';

/**
 * `checkDecimalPrecision` refuses a change to decimal(p,s) while values have more than p−s digits
 * before the point (they would not fit). Digits past the scale are `checkDecimalScale`'s.
 */
export function checkDecimalPrecision(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.to.precision === undefined) return;
  const digits = a.to.precision - (a.to.scale ?? 0);
  if (a.from.type === 'decimal' && a.from.precision !== undefined && a.from.precision - (a.from.scale ?? 0) <= digits) return;
  if (a.from.type === 'boolean') return;
  const c = sqlite.quoteIdentifier(a.from.name);
  failIfAny(executor, a.table, `${c} IS NOT NULL AND ${isExactSourceSql(a.from.name, 'decimal')} AND abs(CAST(${c} AS REAL)) >= 1e${digits}`,
    [a.from.name], 'decimal precision', a.target,
    `make the values smaller than 10^${digits} first, or keep precision ${a.from.precision ?? '(unbounded)'}`);
}
