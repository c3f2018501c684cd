import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn, NUMBER_TYPES } from './altered-column.js';
import { failIfAny, isNumericSql } from './sample.js';

/**
 * `checkNumericText` refuses a change from a text-like type to a number while values do not read
 * as numbers: SQLite's CAST would silently turn 'abc' into 0.
 */
export function checkNumericText(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || !['i32', 'i64', 'f64', 'decimal'].includes(a.to.type) || NUMBER_TYPES.includes(a.from.type)) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  failIfAny(executor, a.table, `${c} IS NOT NULL AND NOT ${isNumericSql(a.from.name)}`, [a.from.name], 'numeric text', a.target,
    'fix or clear the values that are not numbers first');
}
