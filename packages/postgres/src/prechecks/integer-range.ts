import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { NUMBER_TYPES, quoteIdentifier as q, textForm } from '../dialect/index.js';
import { alteredColumn } from './altered-column.js';
import { asNumber, isCanonicalFor } from './conditions.js';
import { failIfAny } from './sample.js';

const RANGES = { i32: ['-2147483648', '2147483647'], i64: ['-9223372036854775808', '9223372036854775807'] } as const;

/**
 * `checkIntegerRange` refuses a change to i32 or i64 while values are out of its range or not
 * whole numbers (i64 → i32, f64 or decimal → integer, integer text → integer): PostgreSQL's cast
 * would round 2.5 to 3 without a word. Text that is no number is `checkNumericText`'s to report, other number text `checkNumberText`'s.
 */
export async function checkIntegerRange(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || (a.to.type !== 'i32' && a.to.type !== 'i64')) return;
  if (a.from.type === 'i32' || a.from.type === 'boolean' || (a.from.type === 'i64' && a.to.type === 'i64')) return;
  const [min, max] = RANGES[a.to.type];
  const c = q(a.from.name);
  const isNumber = NUMBER_TYPES.has(a.from.type);
  const value = isNumber ? c : asNumber(textForm(a.from));
  // text not written as an integer is checkNumberText's to report
  const exact = isNumber ? '' : ` AND ${isCanonicalFor(textForm(a.from), a.to.type)}`;
  // NaN compares above every number in PostgreSQL, so it is out of range too
  const fraction = a.from.type === 'i64' ? '' : ` OR ${value} <> trunc(${value})`;
  const where = `${c} IS NOT NULL${exact} AND (${value} NOT BETWEEN ${min} AND ${max}${fraction})`;
  await failIfAny(executor, a.table, where, [a.from.name], 'integer range', a.target,
    `change the values to whole numbers between ${min} and ${max} first, or keep the wider type`);
}
