import {
  DECIMAL_SCALE_CHECK, decimalScaleHint, EXACT_NUMBER_TYPES, NUMBER_TEXT_CHECK, numberTextHint, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { NUMBER_TYPES, quoteIdentifier as q, renderColumnType, textForm } from '../dialect/index.js';
import { alteredColumn } from './altered-column.js';
import { asNumber, isCanonicalFor, NUMERIC_TEXT } from './conditions.js';
import { failIfAny } from './sample.js';

/**
 * `checkNumberText` refuses turning text (or JSON, an enum…) into an integer or decimal while
 * values read as numbers but are not written as the number they become: PostgreSQL's cast would
 * turn '007', ' 7' and '7.0' into 7 without a word. Core's narrowing rule (exact-conversion.ts).
 */
export async function checkNumberText(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || !EXACT_NUMBER_TYPES.includes(a.to.type) || NUMBER_TYPES.has(a.from.type) || a.from.type === 'boolean') return;
  const text = textForm(a.from);
  const c = q(a.from.name);
  await failIfAny(executor, a.table, `${c} IS NOT NULL AND ${text} ~ ${NUMERIC_TEXT} AND NOT ${isCanonicalFor(text, a.to.type)}`,
    [a.from.name], NUMBER_TEXT_CHECK, a.target,
    numberTextHint(a.to.type, `db.execute("UPDATE ${a.table.name} SET ${a.from.name} = trim(${a.from.name})::${renderColumnType(a.to)}::text WHERE …")`));
}

/**
 * `checkDecimalScale` refuses a change to numeric(p,s) while values have more than s digits after
 * the point: PostgreSQL would round 1.234 to 1.23 without a word.
 */
export async function checkDecimalScale(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.to.precision === undefined) return;
  const scale = a.to.scale ?? 0;
  if (a.from.type === 'i32' || a.from.type === 'i64' || a.from.type === 'boolean') return;
  if (a.from.type === 'decimal' && a.from.precision !== undefined && (a.from.scale ?? 0) <= scale) return;
  const c = q(a.from.name);
  const isNumber = NUMBER_TYPES.has(a.from.type);
  const value = isNumber ? `${c}::numeric` : asNumber(textForm(a.from));
  const exact = isNumber ? '' : ` AND ${isCanonicalFor(textForm(a.from), 'decimal')}`;
  // NaN equals itself as numeric; checkDecimalPrecision refuses it
  await failIfAny(executor, a.table, `${c} IS NOT NULL${exact} AND ${value} <> round(${value}, ${scale})`, [a.from.name], DECIMAL_SCALE_CHECK, a.target,
    decimalScaleHint(scale, `db.execute('UPDATE ${a.table.name} SET ${a.from.name} = round(${a.from.name}::numeric, ${scale})')`));
}
