import {
  DECIMAL_SCALE_CHECK, decimalScaleHint, EXACT_NUMBER_TYPES, NUMBER_TEXT_CHECK, numberTextHint, type PortableType, valueType } from '@tidemark/core';
import { alteredColumn, type AlteredColumn } from './altered-column.js';
import type { CheckPredicates } from './check-predicates.js';
import { NUMBER_SOURCES, NUMBER_TARGETS, type SqlCheck } from './sql-check.js';

// Core's narrowing rule (packages/core/src/backend/exact-conversion.ts) for every SQL dialect: a
// conversion to an integer or decimal keeps each value exactly, or the migration stops.

const RANGES = { i32: ['-2147483648', '2147483647'], i64: ['-9223372036854775808', '9223372036854775807'] } as const;

const fromNumber = (a: AlteredColumn): boolean => NUMBER_SOURCES.includes(valueType(a.from));

/**
 * Limits a range, precision or scale check to values that convert exactly: numbers, and text
 * written as `to` writes it back (other number text is `numberText`'s to report, so no row is
 * counted by two checks).
 */
const exactSource = (a: AlteredColumn, to: PortableType, p: CheckPredicates): string =>
  (fromNumber(a) ? '' : ` AND ${p.isCanonicalNumber(a.from, to)}`);

/**
 * `numericText` refuses a change to a number type while values of another type (text, enum
 * labels, dates, JSON, bytes) do not read as finite numbers: SQLite would read 'abc' as 0,
 * MySQL refuse it half-way, PostgreSQL abort the transaction.
 */
export const numericText: SqlCheck = {
  name: 'numeric text',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || !NUMBER_TARGETS.includes(valueType(a.to)) || fromNumber(a)) return [];
    return [{ kind: 'rows', check: 'numeric text', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND NOT ${p.readsAsNumber(a.from)}`,
      hint: 'fix or clear the values that are not numbers first' }];
  },
};

/**
 * `numberText` refuses turning text into an integer or decimal while values read as numbers but
 * are not written as the number they become ('007', ' 7', '7.0', '1e3').
 */
export const numberText: SqlCheck = {
  name: NUMBER_TEXT_CHECK,
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || !EXACT_NUMBER_TYPES.includes(valueType(a.to)) || fromNumber(a)) return [];
    return [{ kind: 'rows', check: NUMBER_TEXT_CHECK, table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND ${p.readsAsNumber(a.from)} AND NOT ${p.isCanonicalNumber(a.from, valueType(a.to))}`,
      hint: numberTextHint(valueType(a.to), p.fixes.numberText(a.table.name, a.from.name, a.to)) }];
  },
};

/**
 * `integerRange` refuses a change to i32 or i64 while values are out of its range or not whole
 * (i64 → i32, f64 or decimal → integer, integer text → integer): the database would round 2.5 to 3.
 */
export const integerRange: SqlCheck = {
  name: 'integer range',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || (a.to.type !== 'i32' && a.to.type !== 'i64')) return [];
    if (a.from.type === 'i32' || a.from.type === 'boolean' || (a.from.type === 'i64' && a.to.type === 'i64')) return [];
    const [min, max] = RANGES[a.to.type];
    const n = p.number(a.from);
    // integers are whole; NaN compares above every number on PostgreSQL, so it is out of range too
    const fraction = a.from.type === 'i64' ? '' : ` OR ${n} <> ROUND(${n})`;
    return [{ kind: 'rows', check: 'integer range', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL${exactSource(a, a.to.type, p)} AND (${n} NOT BETWEEN ${min} AND ${max}${fraction})`,
      hint: `change the values to whole numbers between ${min} and ${max} first, or keep the wider type` }];
  },
};

/**
 * `decimalPrecision` refuses a change to decimal(p,s) while values, rounded to s decimals, have
 * more than p−s digits before the point: they would not fit.
 */
export const decimalPrecision: SqlCheck = {
  name: 'decimal precision',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    const to = a && p.sized(a.to);
    if (!a || !to || to.type !== 'decimal' || to.precision === undefined) return [];
    const scale = to.scale ?? 0;
    const digits = to.precision - scale;
    const from = p.sized(a.from);
    if (from.type === 'decimal' && from.precision !== undefined && from.precision - (from.scale ?? 0) <= digits && (from.scale ?? 0) <= scale) return [];
    return [{ kind: 'rows', check: 'decimal precision', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL${exactSource(a, 'decimal', p)} AND ABS(ROUND(${p.number(a.from)}, ${scale})) >= 1e${digits}`,
      hint: `make the values smaller than 10^${digits} first, or keep precision ${from.precision ?? '(unbounded)'}` }];
  },
};

/**
 * `decimalScale` refuses a change to decimal(p,s) while values have more than s digits after the
 * point: they would be rounded (1.234 to 1.23) with no more than a note, or (SQLite) kept
 * unrounded against the model.
 */
export const decimalScale: SqlCheck = {
  name: DECIMAL_SCALE_CHECK,
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    const to = a && p.sized(a.to);
    if (!a || !to || to.type !== 'decimal' || to.precision === undefined) return [];
    if (['i32', 'i64', 'boolean'].includes(a.from.type)) return [];
    const scale = to.scale ?? 0;
    const from = p.sized(a.from);
    if (from.type === 'decimal' && from.precision !== undefined && (from.scale ?? 0) <= scale) return [];
    const n = p.number(a.from);
    return [{ kind: 'rows', check: DECIMAL_SCALE_CHECK, table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL${exactSource(a, 'decimal', p)} AND ${n} <> ROUND(${n}, ${scale})`,
      hint: decimalScaleHint(scale, p.fixes.round(a.table.name, a.from.name, scale)) }];
  },
};
