import { DEFAULT_DECIMAL, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { renderLiteral } from '../dialect/literal.js';
import type { MysqlExecutor } from '../executor.js';
import { alteredColumn, INTEGER_PATTERN, NUMBER_PATTERN, NUMBER_TYPES, textOf, type AlteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

const RANGES = { i32: ['-2147483648', '2147483647'], i64: ['-9223372036854775808', '9223372036854775807'] } as const;
const INTEGERS = ['i32', 'i64'];

/** The column as a number, for numbers and for text already known to read as one. */
const numberOf = (a: AlteredColumn): string =>
  (NUMBER_TYPES.includes(a.from.type) ? a.sql : `CAST(TRIM(${textOf(a)}) AS DECIMAL(65,30))`);

/**
 * `checkNumericText` refuses a change to a number type while values do not read as numbers
 * (text, enum labels, dates, json): MySQL would refuse them half-way, or read 'abc' as 0. To an
 * integer only whole numbers written as such convert ('4.0' and '1e3' do not, on MySQL).
 */
export async function checkNumericText(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || !['i32', 'i64', 'f64', 'decimal'].includes(a.to.type) || NUMBER_TYPES.includes(a.from.type)) return;
  const integer = INTEGERS.includes(a.to.type);
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND ${textOf(a)} NOT REGEXP ${renderLiteral(integer ? INTEGER_PATTERN : NUMBER_PATTERN)}`,
    [a.from.name], 'numeric text', a.target,
    integer ? 'change the values to whole numbers written as digits (e.g. 42) first, or clear them' : 'fix or clear the values that are not numbers first');
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
  const readable = NUMBER_TYPES.includes(a.from.type) ? '' : ` AND ${textOf(a)} REGEXP ${renderLiteral(INTEGER_PATTERN)}`;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL${readable} AND (${n} NOT BETWEEN ${min} AND ${max} OR ${n} <> ROUND(${n}))`,
    [a.from.name], 'integer range', a.target, `change the values to whole numbers between ${min} and ${max} first, or keep the wider type`);
}

/**
 * `checkDecimalPrecision` refuses a change to decimal(p,s) while values have more than p−s digits
 * before the point once rounded to s places (they would not fit; digits past the scale are
 * rounded, as PostgreSQL does).
 */
export async function checkDecimalPrecision(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'decimal' || a.from.type === 'boolean') return;
  const precision = a.to.precision ?? DEFAULT_DECIMAL.precision;
  const scale = a.to.scale ?? (a.to.precision === undefined ? DEFAULT_DECIMAL.scale : 0);
  const digits = precision - scale;
  const readable = NUMBER_TYPES.includes(a.from.type) ? '' : ` AND ${textOf(a)} REGEXP ${renderLiteral(NUMBER_PATTERN)}`;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL${readable} AND ABS(ROUND(${numberOf(a)}, ${scale})) >= 1e${digits}`,
    [a.from.name], 'decimal precision', a.target, `make the values smaller than 10^${digits} first, or keep a larger precision`);
}
