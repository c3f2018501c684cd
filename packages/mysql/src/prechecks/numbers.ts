import {
  canonicalNumberPattern, DECIMAL_SCALE_CHECK, decimalScaleHint, DEFAULT_DECIMAL, EXACT_NUMBER_TYPES, NUMBER_TEXT_CHECK, numberTextHint,
  type ColumnSnapshot, type PortableType, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { renderLiteral } from '../dialect/literal.js';
import type { MysqlExecutor } from '../executor.js';
import { alteredColumn, NUMBER_PATTERN, NUMBER_TYPES, textOf, type AlteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

const RANGES = { i32: ['-2147483648', '2147483647'], i64: ['-9223372036854775808', '9223372036854775807'] } as const;

/**
 * Limits a range or precision check to values that convert exactly: numbers, and text written as
 * core's narrowing rule wants for `to` (other number text is `checkNumberText`'s to report).
 */
const exactSource = (a: AlteredColumn, to: PortableType): string =>
  (NUMBER_TYPES.includes(a.from.type) ? '' : ` AND ${textOf(a)} REGEXP ${renderLiteral(canonicalNumberPattern(to) ?? NUMBER_PATTERN)}`);

/** The scale MySQL gives a decimal column (DECIMAL without precision is DEFAULT_DECIMAL). */
const scaleOf = (c: ColumnSnapshot): number => c.scale ?? (c.precision === undefined ? DEFAULT_DECIMAL.scale : 0);

/** The column as a number, for numbers and for text already known to read as one. */
const numberOf = (a: AlteredColumn): string =>
  (NUMBER_TYPES.includes(a.from.type) ? a.sql : `CAST(TRIM(${textOf(a)}) AS DECIMAL(65,30))`);

/**
 * `checkNumericText` refuses a change to a number type while values do not read as numbers
 * (text, enum labels, dates, json): MySQL would refuse them half-way, or read 'abc' as 0.
 */
export async function checkNumericText(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || !['i32', 'i64', 'f64', 'decimal'].includes(a.to.type) || NUMBER_TYPES.includes(a.from.type)) return;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND ${textOf(a)} NOT REGEXP ${renderLiteral(NUMBER_PATTERN)}`,
    [a.from.name], 'numeric text', a.target, 'fix or clear the values that are not numbers first');
}

/**
 * `checkNumberText` refuses turning text into an integer or decimal while values read as numbers
 * but are not written as the number they become: MariaDB would turn '007' and ' 7' into 7, MySQL
 * refuses '7.0' half-way. Core's narrowing rule (exact-conversion.ts), the same everywhere.
 */
export async function checkNumberText(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || !EXACT_NUMBER_TYPES.includes(a.to.type) || NUMBER_TYPES.includes(a.from.type)) return;
  const text = textOf(a);
  await failIfAny(executor, a.table,
    `${a.sql} IS NOT NULL AND ${text} REGEXP ${renderLiteral(NUMBER_PATTERN)} AND ${text} NOT REGEXP ${renderLiteral(canonicalNumberPattern(a.to.type)!)}`,
    [a.from.name], NUMBER_TEXT_CHECK, a.target,
    numberTextHint(a.to.type, `db.execute("UPDATE ${a.table.name} SET ${a.from.name} = CAST(CAST(TRIM(${a.from.name}) AS DECIMAL(65,30)) AS ${a.to.type === 'decimal' ? 'CHAR' : 'SIGNED'}) WHERE …")`));
}

/**
 * `checkIntegerRange` refuses a change to i32 or i64 while values are out of its range or not
 * whole (i64 → i32, f64 or decimal → integer, numeric text → integer): MySQL would round 2.5 to 3.
 */
export async function checkIntegerRange(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || (a.to.type !== 'i32' && a.to.type !== 'i64')) return;
  if (a.from.type === 'i32' || a.from.type === 'boolean' || (a.from.type === 'i64' && a.to.type === 'i64')) return;
  const [min, max] = RANGES[a.to.type];
  const n = numberOf(a);
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL${exactSource(a, a.to.type)} AND (${n} NOT BETWEEN ${min} AND ${max} OR ${n} <> ROUND(${n}))`,
    [a.from.name], 'integer range', a.target, `change the values to whole numbers between ${min} and ${max} first, or keep the wider type`);
}

/**
 * `checkDecimalPrecision` refuses a change to decimal(p,s) while values have more than p−s digits
 * before the point (they would not fit). Digits past the scale are `checkDecimalScale`'s.
 */
export async function checkDecimalPrecision(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.from.type === 'boolean') return;
  const precision = a.to.precision ?? DEFAULT_DECIMAL.precision;
  const scale = scaleOf(a.to);
  const digits = precision - scale;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL${exactSource(a, 'decimal')} AND ABS(ROUND(${numberOf(a)}, ${scale})) >= 1e${digits}`,
    [a.from.name], 'decimal precision', a.target, `make the values smaller than 10^${digits} first, or keep a larger precision`);
}

/**
 * `checkDecimalScale` refuses a change to decimal(p,s) while values have more than s digits after
 * the point: MySQL and MariaDB would round 1.234 to 1.23 with no more than a note.
 */
export async function checkDecimalScale(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || ['i32', 'i64', 'boolean'].includes(a.from.type)) return;
  const scale = scaleOf(a.to);
  if (a.from.type === 'decimal' && scaleOf(a.from) <= scale) return;
  const n = numberOf(a);
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL${exactSource(a, 'decimal')} AND ${n} <> ROUND(${n}, ${scale})`,
    [a.from.name], DECIMAL_SCALE_CHECK, a.target,
    decimalScaleHint(scale, `db.execute('UPDATE ${a.table.name} SET ${a.from.name} = ROUND(${a.from.name}, ${scale})')`));
}
