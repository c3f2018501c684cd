import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { NUMBER_TYPES, quoteIdentifier as q, textForm } from '../dialect/index.js';
import { alteredColumn } from './altered-column.js';
import { asNumber, isCanonicalFor } from './conditions.js';
import { failIfAny } from './sample.js';

/**
 * `checkDecimalPrecision` refuses a change to numeric(p,s) while values, rounded to s decimals as
 * PostgreSQL will, have more than p−s digits before the point (PostgreSQL would stop with
 * "numeric field overflow"); NaN and infinities fit no numeric(p,s) either.
 */
export async function checkDecimalPrecision(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.to.precision === undefined) return;
  const scale = a.to.scale ?? 0;
  const digits = a.to.precision - scale;
  if (a.from.type === 'decimal' && a.from.precision !== undefined
    && a.from.precision - (a.from.scale ?? 0) <= digits && (a.from.scale ?? 0) <= scale) return;
  const c = q(a.from.name);
  const value = a.from.type === 'boolean' ? `${c}::integer::numeric` : NUMBER_TYPES.has(a.from.type) ? `${c}::numeric` : asNumber(textForm(a.from));
  // text not written as a decimal is checkNumberText's to report
  const exact = a.from.type === 'boolean' || NUMBER_TYPES.has(a.from.type) ? '' : ` AND ${isCanonicalFor(textForm(a.from), 'decimal')}`;
  await failIfAny(executor, a.table, `${c} IS NOT NULL${exact} AND abs(round(${value}, ${scale})) >= 1e${digits}`, [a.from.name], 'decimal precision', a.target,
    `make the values smaller than 10^${digits} first, or keep precision ${a.from.precision ?? '(unbounded)'}`);
}
