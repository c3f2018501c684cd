import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalDecimal, type ColumnSnapshot, type DataValue } from '@tidemark/core';
import { isNullish, marshalJson, unmarshalJson } from '../values/attribute-value.js';

/**
 * `toItemValue` stores a normalised value (core's `normalizeValue`) as the column's attribute
 * type (README: "Portable types"): numbers as N, booleans as BOOL, dates as 'YYYY-MM-DD' and
 * timestamps as ISO-8601 text, json as M/L, bytes as B. null means "no attribute".
 */
export function toItemValue(column: ColumnSnapshot, value: DataValue): AttributeValue | undefined {
  if (value === null) return undefined;
  switch (column.type) {
    case 'i32': case 'i64': case 'f64': case 'decimal': return { N: String(value) };
    case 'boolean': return { BOOL: value as boolean };
    case 'date': return { S: (value as Date).toISOString().slice(0, 10) };
    case 'timestamp': return { S: (value as Date).toISOString() };
    case 'json': return marshalJson(JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))));
    case 'bytes': return { B: value as Uint8Array };
    default: return { S: String(value) };
  }
}

/** `fromItemValue` reads an attribute back as a normalised value. */
export function fromItemValue(column: ColumnSnapshot, av: AttributeValue | undefined): DataValue {
  if (av === undefined || isNullish(av)) return null;
  switch (column.type) {
    case 'i32': case 'i64': {
      const n = BigInt(av.N ?? '0');
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'f64': return Number(av.N);
    case 'decimal': return canonicalDecimal(av.N ?? '0');
    case 'boolean': return av.BOOL ?? null;
    case 'date': return new Date(`${(av.S ?? '').slice(0, 10)}T00:00:00Z`);
    case 'timestamp': return new Date(av.S ?? '');
    case 'json': return unmarshalJson(av) as DataValue;
    case 'bytes': return av.B ?? null;
    default: return av.S ?? null;
  }
}
