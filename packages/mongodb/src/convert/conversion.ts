import {
  DECIMAL_SCALE_CHECK, decimalScaleHint, EXACT_NUMBER_TYPES, NUMBER_TEXT_CHECK, numberTextHint, type ColumnSnapshot, valueType } from '@tidemark/core';
import { fieldPath, MIN_KEY, type Document } from '../document.js';
import { canonicalBsonType, typeClass } from '../schema/bson-types.js';
import { convertValue, isConvertible, type Expression } from './convert-value.js';

/** `Conversion` is what an alterColumn does to the values of one column. */
export interface Conversion {
  /** Whether some value may not convert or fit, so a precheck must count them first. */
  readonly mayFail: boolean;
  /** Whether the stored values change (type, rounding, day truncation), so the documents are rewritten. */
  readonly rewrites: boolean;
  /** Precheck: documents whose value does not convert or fit. */
  readonly failing: Document;
  /**
   * Precheck of core's narrowing rule, where it applies: documents whose value converts but would
   * change ('007' → 7, 1.234 → 1.23), counted apart from `failing`, with its own name and hint.
   */
  readonly inexact?: { readonly check: string; readonly hint: string; readonly failing: Document };
  /** Rewrite: documents whose stored value changes. */
  readonly rewriteFilter: Document;
  /** Rewrite: the update pipeline converting the value in place. */
  readonly rewriteUpdate: Document[];
  /** The converted value at `input`, for grouping (duplicates after the change). */
  converted(input: Expression): Expression;
  /** The precheck's name and what the user can do. */
  readonly check: string;
  readonly hint: string;
}

const digits = (c: ColumnSnapshot): number => (c.precision ?? Infinity) - (c.scale ?? 0);

/** Changes that cannot fail: same type without narrowing, or a widening MongoDB does exactly. */
function cannotFail(from: ColumnSnapshot, to: ColumnSnapshot): boolean {
  const unbounded = to.type === 'text' || (to.type === 'string' && to.length === undefined);
  if (from.type === to.type) {
    if (to.type === 'string') return to.length === undefined || (from.length !== undefined && from.length <= to.length);
    if (to.type === 'enum') return (from.values ?? []).every((v) => (to.values ?? []).includes(v));
    if (to.type === 'decimal') return digits(to) >= digits(from) && (to.scale === undefined || (from.scale !== undefined && from.scale <= to.scale));
    return true;
  }
  if (from.type === 'i32' && (to.type === 'i64' || to.type === 'f64')) return true;
  if (from.type === 'i64' && to.type === 'f64') return true;
  if (from.type === 'date' && to.type === 'timestamp') return true;
  if (from.type === 'timestamp' && to.type === 'date') return true;
  if (from.type === 'boolean' && ['i32', 'i64', 'f64'].includes(to.type)) return true;
  const source = typeClass(valueType(from));
  return unbounded && (source === 'number' || source === 'bool' || source === 'string' || source === 'date');
}

function rewrites(from: ColumnSnapshot, to: ColumnSnapshot): boolean {
  if (!isConvertible(from, to)) return false; // the precheck has made sure no value is left to convert
  if (canonicalBsonType(valueType(from)) !== canonicalBsonType(valueType(to))) return true;
  // a smaller decimal scale no longer rewrites: values that would round are refused (`inexact`)
  return from.type === 'timestamp' && to.type === 'date';
}

/** The precheck of values that would change, when the change can change any (text → integer or decimal, a decimal scale). */
function inexactCheck(table: string, column: string, from: ColumnSnapshot, to: ColumnSnapshot): Conversion['inexact'] {
  const source = typeClass(valueType(from));
  const text = source === 'string' && EXACT_NUMBER_TYPES.includes(valueType(to));
  const rounds = to.type === 'decimal' && to.scale !== undefined && source === 'number' && !['i32', 'i64'].includes(from.type);
  if (!text && !rounds) return undefined;
  const value = fieldPath(column);
  const fix = `db.execute({ update: '${table}', updates: [{ q: { … }, u: [{ $set: { '${column}': … } }], multi: true }] })`;
  return {
    check: text ? NUMBER_TEXT_CHECK : DECIMAL_SCALE_CHECK,
    hint: text ? numberTextHint(valueType(to), fix) : decimalScaleHint(to.scale ?? 0, fix),
    failing: {
      [column]: { $ne: null },
      $expr: { $and: [{ $ne: [convertValue(value, from, to, MIN_KEY, false), MIN_KEY] }, { $eq: [convertValue(value, from, to, MIN_KEY), MIN_KEY] }] },
    },
  };
}

function describe(table: string, column: string, from: ColumnSnapshot, to: ColumnSnapshot): { check: string; hint: string } {
  const fix = `db.execute({ update: '${table}', updates: [{ q: { … }, u: { $set: { '${column}': … } }, multi: true }] })`;
  if (!isConvertible(from, to)) {
    return {
      check: 'type conversion',
      hint: `MongoDB cannot convert ${from.type} values to ${to.type} on the server: convert them in a hand-written step first (${fix}) or set them to null, then run again`,
    };
  }
  if (to.type === 'enum') return { check: 'enum values', hint: `change those values to one of ${(to.values ?? []).join(', ')} first (${fix}), or keep the removed values` };
  if (to.type === 'uuid') return { check: 'uuid format', hint: `change those values to uuids (8-4-4-4-12 hex digits) first (${fix})` };
  if (valueType(to) === 'string' && typeClass(valueType(from)) === 'string') return { check: 'string length', hint: `shorten the values to ${to.length} characters first (${fix}), or keep the column longer` };
  if (to.type === 'boolean') return { check: 'boolean values', hint: `change those values to true/false, yes/no or 1/0 first (${fix})` };
  if (typeClass(valueType(to)) === 'date') return { check: 'date text', hint: `change those values to ISO-8601 dates (2024-01-31 or 2024-01-31T12:00:00Z) first (${fix})` };
  if (typeClass(valueType(from)) === 'string' && typeClass(valueType(to)) === 'number') return { check: 'numeric text', hint: `fix or clear the values that are not ${valueType(to) === 'i32' || valueType(to) === 'i64' ? 'whole numbers' : 'numbers'} first (${fix})` };
  if (to.type === 'decimal') return { check: 'decimal precision', hint: `make the values smaller than 10^${digits(to)} first (${fix}), or keep precision ${from.precision ?? '(unbounded)'}` };
  if (to.type === 'i32' || to.type === 'i64') return { check: 'integer range', hint: `change the values to whole numbers that fit ${to.type} first (${fix}), or keep the wider type` };
  return { check: 'type conversion', hint: `change the values that do not fit ${to.type} first (${fix})` };
}

/**
 * `conversionFor` describes an alterColumn of `column` from `from` to `to` on `table`: which
 * values fail, which documents are rewritten and how. One expression (`convertValue`) serves the
 * precheck, the rewrite and the duplicate check, so what the precheck lets through is exactly
 * what the rewrite writes.
 */
export function conversionFor(table: string, column: string, from: ColumnSnapshot, to: ColumnSnapshot): Conversion {
  const value = fieldPath(column);
  const canonical = canonicalBsonType(valueType(to));
  const sameStorage = canonicalBsonType(valueType(from)) === canonical;
  const inexact = cannotFail(from, to) ? undefined : inexactCheck(table, column, from, to);
  const rewriteFilter: Document = sameStorage
    ? { [column]: { $type: canonical }, $expr: { $ne: [convertValue(value, from, to, value), value] } }
    : { [column]: { $exists: true, $not: { $type: [canonical, 'null'] } } };
  return {
    mayFail: !cannotFail(from, to),
    rewrites: rewrites(from, to),
    failing: { [column]: { $ne: null }, $expr: { $eq: [convertValue(value, from, to, MIN_KEY, false), MIN_KEY] } },
    ...(inexact ? { inexact } : {}),
    rewriteFilter,
    rewriteUpdate: [{ $set: { [column]: convertValue(value, from, to, '$$tm_in') } }],
    converted: (input) => convertValue(input, from, to, input),
    ...describe(table, column, from, to),
  };
}
