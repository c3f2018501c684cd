import {
  DECIMAL_SCALE_CHECK, decimalScaleHint, EXACT_NUMBER_TYPES, NUMBER_TEXT_CHECK, numberTextHint, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn, NUMBER_TYPES } from './altered-column.js';
import { failIfAny, isExactSourceSql } from './sample.js';

/**
 * `checkNumberText` refuses turning text into an integer or decimal while values read as numbers
 * but are not written as the number they become ('007', ' 7', '7.0', '1e3'): core's narrowing
 * rule (exact-conversion.ts), the same on every backend.
 */
export function checkNumberText(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || !EXACT_NUMBER_TYPES.includes(a.to.type) || NUMBER_TYPES.includes(a.from.type)) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  const cast = a.to.type === 'decimal' ? 'REAL' : 'INTEGER';
  failIfAny(executor, a.table, `typeof(${c}) = 'text' AND ${sqlite.isNumberTextSql(c)} AND NOT ${sqlite.isCanonicalNumberSql(c, a.to.type)}`,
    [a.from.name], NUMBER_TEXT_CHECK, a.target, numberTextHint(a.to.type, `db.execute("UPDATE ${a.table.name} SET ${a.from.name} = CAST(CAST(${a.from.name} AS ${cast}) AS TEXT) WHERE …")`));
}

/**
 * `checkDecimalScale` refuses a change to decimal(p,s) while values have more than s digits after
 * the point: they would be rounded (SQLite would even keep them unrounded, against the model).
 */
export function checkDecimalScale(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.to.precision === undefined) return;
  const scale = a.to.scale ?? 0;
  if (['i32', 'i64', 'boolean'].includes(a.from.type)) return;
  if (a.from.type === 'decimal' && a.from.precision !== undefined && (a.from.scale ?? 0) <= scale) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  const real = `CAST(${c} AS REAL)`;
  failIfAny(executor, a.table, `${c} IS NOT NULL AND ${isExactSourceSql(a.from.name, 'decimal')} AND round(${real}, ${scale}) <> ${real}`,
    [a.from.name], DECIMAL_SCALE_CHECK, a.target, decimalScaleHint(scale, `db.execute('UPDATE ${a.table.name} SET ${a.from.name} = round(${a.from.name}, ${scale})')`));
}
