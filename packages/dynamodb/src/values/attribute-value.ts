import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isDefaultNow, type ColumnDefault, type ColumnSnapshot } from '@tidemark/core';
import { fitsDynamoDbNumber, formatDecimal, parseDecimal } from './decimal.js';

/** `Plain` is a value as the tests and messages show it: what a SQL driver would return. */
export type Plain = string | number | boolean | null;

/** `marshalJson` stores a JSON value natively: objects as M, arrays as L, scalars as N, S, BOOL, null as NULL. */
export function marshalJson(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} is not a JSON number`);
    return { N: String(value) };
  }
  if (typeof value === 'string') return { S: value };
  if (Array.isArray(value)) return { L: value.map(marshalJson) };
  if (typeof value === 'object') {
    return { M: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, marshalJson(v)])) };
  }
  throw new TypeError(`${typeof value} is not a JSON value`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `decodeUtf8` reads bytes as UTF-8 text, or returns undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `unmarshalJson` reads an attribute back as a JSON value (sets as arrays, bytes as base64). */
export function unmarshalJson(av: AttributeValue): unknown {
  if (av.NULL) return null;
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.N !== undefined) return Number(av.N);
  if (av.S !== undefined) return av.S;
  if (av.L !== undefined) return av.L.map(unmarshalJson);
  if (av.M !== undefined) return Object.fromEntries(Object.entries(av.M).map(([k, v]) => [k, unmarshalJson(v)]));
  if (av.SS !== undefined) return [...av.SS];
  if (av.NS !== undefined) return av.NS.map(Number);
  if (av.B !== undefined) return Buffer.from(av.B).toString('base64');
  if (av.BS !== undefined) return av.BS.map((b) => Buffer.from(b).toString('base64'));
  return null;
}

/** `isNullish` tells whether an attribute holds no value: absent, or DynamoDB's NULL. */
export function isNullish(av: AttributeValue | undefined): boolean {
  return av === undefined || av.NULL === true;
}

/**
 * `toPlain` shows a stored value as a SQL driver would return it: N as a number, S as text,
 * BOOL as a boolean, M/L as JSON text, B as its UTF-8 text (or base64 when it is not text).
 */
export function toPlain(av: AttributeValue | undefined): Plain {
  if (isNullish(av)) return null;
  if (av!.N !== undefined) return Number(av!.N);
  if (av!.S !== undefined) return av!.S;
  if (av!.BOOL !== undefined) return av!.BOOL;
  if (av!.B !== undefined) return decodeUtf8(av!.B) ?? Buffer.from(av!.B).toString('base64');
  return JSON.stringify(unmarshalJson(av!));
}

const SPELLINGS: Record<string, boolean> = { 1: true, true: true, t: true, yes: true, 0: false, false: false, f: false, no: false };

/** `booleanFromText` reads the usual spellings of true and false (any case), or undefined. */
export function booleanFromText(text: string): boolean | undefined {
  return SPELLINGS[text.toLowerCase()];
}

/** The current date or timestamp, as a `Default.now` column gets it: ISO-8601 in UTC. */
export function nowValue(type: ColumnSnapshot['type'], now: Date): string {
  const iso = now.toISOString();
  return type === 'date' ? iso.slice(0, 10) : iso;
}

/**
 * `toAttributeValue` stores a value a user wrote (a default, a back-fill, a row in a test) in the
 * column's attribute type; null and undefined mean "no attribute" (DynamoDB has no typed NULL
 * that an index key could hold). Throws a TypeError for a value the column cannot hold.
 */
export function toAttributeValue(value: ColumnDefault | Uint8Array | null | undefined, column: Pick<ColumnSnapshot, 'type'>, now = new Date()): AttributeValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (isDefaultNow(value)) {
    if (column.type !== 'date' && column.type !== 'timestamp') throw new TypeError(`the current timestamp is not a ${column.type} value`);
    return { S: nowValue(column.type, now) };
  }
  switch (column.type) {
    case 'i32': case 'i64': case 'f64': case 'decimal': {
      const d = typeof value === 'number' || typeof value === 'string' ? parseDecimal(String(value)) : undefined;
      if (!d) throw new TypeError(`${JSON.stringify(value)} is not a number`);
      if (!fitsDynamoDbNumber(d)) throw new TypeError(`${value} is outside the numbers DynamoDB stores (38 digits, magnitude below 1E+126)`);
      return { N: typeof value === 'number' ? String(value) : formatDecimal(d) };
    }
    case 'boolean': {
      const b = typeof value === 'boolean' ? value : typeof value === 'number' ? value !== 0 : typeof value === 'string' ? booleanFromText(value) : undefined;
      if (b === undefined) throw new TypeError(`${JSON.stringify(value)} is not a boolean`);
      return { BOOL: b };
    }
    case 'json':
      return marshalJson(typeof value === 'string' ? JSON.parse(value) : value);
    case 'bytes':
      return { B: value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)) };
    default:
      if (value instanceof Uint8Array) throw new TypeError(`bytes are not a ${column.type} value`);
      return { S: String(value) };
  }
}

/** `sameAttributeValue` compares two stored values exactly. */
export function sameAttributeValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.B !== undefined || b.B !== undefined) return a.B !== undefined && b.B !== undefined && Buffer.from(a.B).equals(Buffer.from(b.B));
  return JSON.stringify(a) === JSON.stringify(b);
}
