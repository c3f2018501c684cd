import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DECIMAL_SCALE_CHECK, DEFAULT_STRING_LENGTH, EXACT_NUMBER_TYPES, isCanonicalNumberText, NUMBER_TEXT_CHECK, type ColumnSnapshot, valueType, internalError } from '@tidemark/core';
import { booleanFromText, decodeUtf8, marshalJson, unmarshalJson } from './attribute-value.js';
import { compareDecimal, fitsDynamoDbNumber, formatDecimal, integerDigits, isWhole, parseDecimal, roundDecimal, type Decimal } from './decimal.js';

/**
 * `Conversion` is a value as a changed column stores it, or why it cannot be stored and which
 * precheck counts it (named as the SQL backends name theirs: 'integer range', 'number text'…).
 */
export type Conversion = { readonly value: AttributeValue } | { readonly problem: string; readonly check: string };

const RANGES = {
  i32: [parseDecimal('-2147483648')!, parseDecimal('2147483647')!],
  i64: [parseDecimal('-9223372036854775808')!, parseDecimal('9223372036854775807')!],
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const fail = (problem: string, check = 'convert values'): Conversion => ({ problem, check });
const keep = (value: AttributeValue): Conversion => ({ value });

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The number a value holds: N, number text, or a boolean as 1/0. */
function numberOf(v: AttributeValue): Decimal | undefined {
  if (v.N !== undefined) return parseDecimal(v.N);
  if (v.S !== undefined) return parseDecimal(v.S);
  if (v.BOOL !== undefined) return parseDecimal(v.BOOL ? '1' : '0');
  return undefined;
}

/** The text a value reads as: S, a number's text, a boolean's word; json as JSON text and valid UTF-8 bytes only for `string`/`text`. */
function textOf(v: AttributeValue, lenient: boolean): string | undefined {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return v.N;
  if (v.BOOL !== undefined) return v.BOOL ? 'true' : 'false';
  if (!lenient) return undefined;
  if (v.M !== undefined || v.L !== undefined) return JSON.stringify(unmarshalJson(v));
  if (v.B !== undefined) return decodeUtf8(v.B);
  return undefined;
}

function toNumber(v: AttributeValue, to: ColumnSnapshot): Conversion {
  const d = numberOf(v);
  if (!d) return fail(v.S !== undefined ? 'is not a number' : `a ${kindOf(v)} is not a number`, 'numeric text');
  // core's narrowing rule (exact-conversion.ts): '007', ' 7' or '7.0' would not read back the same
  if (v.S !== undefined && EXACT_NUMBER_TYPES.includes(valueType(to)) && !isCanonicalNumberText(v.S, valueType(to))) {
    return fail(`is not written as the ${to.type} it would become (${formatDecimal(d)})`, NUMBER_TEXT_CHECK);
  }
  if (to.type === 'i32' || to.type === 'i64') {
    if (!isWhole(d)) return fail('is not a whole number', 'integer range');
    const [min, max] = RANGES[to.type];
    if (compareDecimal(d, min) < 0 || compareDecimal(d, max) > 0) return fail(`is outside the ${to.type} range`, 'integer range');
  }
  if (to.type === 'decimal') {
    const scale = to.scale ?? (to.precision === undefined ? undefined : 0);
    const rounded = scale === undefined ? d : roundDecimal(d, scale);
    if (to.precision !== undefined && integerDigits(rounded) > to.precision - (scale ?? 0)) {
      return fail(`needs more than ${to.precision - (scale ?? 0)} digits before the point (decimal(${to.precision},${scale ?? 0}))`, 'decimal precision');
    }
    if (compareDecimal(rounded, d) !== 0) return fail(`has more than ${scale} digit(s) after the point and would be rounded to ${formatDecimal(rounded)}`, DECIMAL_SCALE_CHECK);
  }
  if (!fitsDynamoDbNumber(d)) return fail('is outside the numbers DynamoDB stores (38 digits, magnitude below 1E+126)');
  // an N that keeps its number is left as it is: DynamoDB stores numbers normalised already
  if (v.N !== undefined) return keep(v);
  return keep({ N: formatDecimal(d) });
}

function kindOf(v: AttributeValue): string {
  if (v.M !== undefined || v.L !== undefined) return 'json value';
  if (v.B !== undefined) return 'byte string';
  if (v.BOOL !== undefined) return 'boolean';
  if (v.N !== undefined) return 'number';
  if (v.SS !== undefined || v.NS !== undefined || v.BS !== undefined) return 'set';
  return 'value';
}

function toText(v: AttributeValue, to: ColumnSnapshot): Conversion {
  const lenient = to.type === 'string' || to.type === 'text';
  const text = textOf(v, lenient);
  if (text === undefined) return fail(`a ${kindOf(v)} cannot become ${to.type}`);
  const value: AttributeValue = v.S === text ? v : { S: text };
  switch (to.type) {
    case 'string': {
      const max = to.length ?? DEFAULT_STRING_LENGTH;
      return [...text].length > max ? fail(`is longer than ${max} characters`, 'string length') : keep(value);
    }
    case 'enum': return (to.values ?? []).includes(text) ? keep(value) : fail(`is not one of ${(to.values ?? []).join(', ')}`, 'enum values');
    case 'uuid': return v.S !== undefined && UUID.test(text) ? keep(value) : fail('is not a UUID', 'uuid values');
    case 'date': {
      const m = v.S !== undefined ? TIMESTAMP.exec(text) : null;
      // a timestamp becomes its date, as CAST(… AS date) does
      return m && validDate(m[1]!) ? keep(m[1] === text ? value : { S: m[1]! }) : fail('is not a date (YYYY-MM-DD)', 'date values');
    }
    case 'timestamp': {
      const m = v.S !== undefined ? TIMESTAMP.exec(text) : null;
      if (!m || !validDate(m[1]!)) return fail('is not a timestamp (ISO-8601)', 'timestamp values');
      // a date becomes midnight UTC, written as a `Default.now` timestamp is
      return keep(m[2] === undefined ? { S: `${m[1]}T00:00:00.000Z` } : value);
    }
    default: return keep(value);
  }
}

function toBoolean(v: AttributeValue): Conversion {
  if (v.BOOL !== undefined) return keep(v);
  if (v.N !== undefined) return keep({ BOOL: parseDecimal(v.N)?.digits !== '' });
  if (v.S !== undefined) {
    const b = booleanFromText(v.S);
    return b === undefined ? fail('does not spell true or false (true/false, t/f, yes/no, 1/0)', 'boolean values') : keep({ BOOL: b });
  }
  return fail(`a ${kindOf(v)} is not a boolean`);
}

function toJson(v: AttributeValue): Conversion {
  if (v.M !== undefined || v.L !== undefined || v.N !== undefined || v.BOOL !== undefined) return keep(v);
  if (v.S !== undefined) {
    try {
      return keep(marshalJson(JSON.parse(v.S)));
    } catch {
      return fail('is not JSON text', 'json values');
    }
  }
  return fail(`a ${kindOf(v)} is not JSON`);
}

function toBytes(v: AttributeValue): Conversion {
  if (v.B !== undefined) return keep(v);
  if (v.S !== undefined) return keep({ B: new TextEncoder().encode(v.S) });
  return fail(`a ${kindOf(v)} is not a byte string`);
}

/**
 * `convertValue` is what a stored value becomes when its column changes to `to`, judged by the
 * value actually stored (an application may have written another type): numbers convert between
 * number types when whole, in range and, for a decimal, within its scale (core's narrowing rule:
 * nothing is rounded); anything reads as text; text becomes a number only when written as that
 * number ('007' is refused as an integer), a boolean, date, UUID or json only when it spells one; json and bytes become text. What cannot convert is returned as a problem, which the
 * precheck reports with counts and samples before anything changes. NULL stays NULL.
 * @example convertValue({ S: '12' }, { name: 'n', type: 'i32', nullable: true }) // { value: { N: '12' } }
 */
export function convertValue(v: AttributeValue, to: ColumnSnapshot): Conversion {
  if (v.NULL) return keep(v);
  switch (to.type) {
    case 'i32': case 'i64': case 'f64': case 'decimal': return toNumber(v, to);
    case 'string': case 'text': case 'enum': case 'uuid': case 'date': case 'timestamp': return toText(v, to);
    case 'boolean': return toBoolean(v);
    case 'json': return toJson(v);
    case 'bytes': return toBytes(v);
    case 'array': throw internalError('array columns never reach dynamodb: checkCapabilities refuses them (capabilities.arrayItems)');
  }
}

/**
 * `needsValueCheck` tells whether changing a column from `from` to `to` can change or reject a
 * stored value; when it cannot (i32 → i64, a longer string, string → text, more enum values…)
 * the change is metadata only and no item is read.
 */
export function needsValueCheck(from: ColumnSnapshot, to: ColumnSnapshot): boolean {
  const numeric = ['i32', 'i64', 'f64', 'decimal'];
  if (from.type === to.type) {
    switch (to.type) {
      case 'string': return (to.length ?? DEFAULT_STRING_LENGTH) < (from.length ?? DEFAULT_STRING_LENGTH);
      case 'enum': return !(from.values ?? []).every((x) => (to.values ?? []).includes(x));
      case 'decimal': {
        if (to.precision === undefined && to.scale === undefined) return false;
        if (from.precision === undefined || from.scale === undefined || to.precision === undefined || to.scale === undefined) return true;
        return to.scale < from.scale || to.precision - to.scale < from.precision - from.scale;
      }
      default: return false;
    }
  }
  if (from.type === 'i32' && (to.type === 'i64' || to.type === 'f64')) return false;
  if (numeric.includes(from.type) && to.type === 'f64') return false;
  if (to.type === 'text' && ['string', 'uuid', 'date', 'timestamp', 'enum'].includes(from.type)) return false;
  if (to.type === 'string' && ['uuid', 'date'].includes(from.type) && (to.length ?? DEFAULT_STRING_LENGTH) >= 36) return false;
  return true;
}
