import { canonicalDecimal, type ColumnSnapshot, type DataValue } from '@tidemark/core';
import type { SqlValue } from '../sql-executor.js';

/** `SqlValueStyle` is how a dialect spells the types the three differ on. */
export interface SqlValueStyle {
  /** Booleans as 1/0 (SQLite, MySQL's TINYINT(1)) or as 'true'/'false' text PostgreSQL casts. */
  readonly booleans: 'integer' | 'text';
  /** A timestamp as the text the column takes (ISO on SQLite and PostgreSQL, 'YYYY-MM-DD HH:MM:SS.mmm' UTC on MySQL). */
  readonly timestampText: (instant: Date) => string;
}

/**
 * `toSqlValue` turns a normalised value (core's `normalizeValue`) into the parameter the column
 * stores: booleans per dialect, dates as 'YYYY-MM-DD', timestamps per dialect, json as JSON text,
 * decimals as their exact text, big integers as bigint.
 */
export function toSqlValue(style: SqlValueStyle, column: ColumnSnapshot, value: DataValue): SqlValue {
  if (value === null) return null;
  switch (column.type) {
    case 'boolean': return style.booleans === 'integer' ? (value ? 1 : 0) : (value ? 'true' : 'false');
    case 'date': return (value as Date).toISOString().slice(0, 10);
    case 'timestamp': return style.timestampText(value as Date);
    case 'json': return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    case 'bytes': return value as Uint8Array;
    case 'i32': case 'i64': case 'f64': return value as number | bigint;
    default: return String(value);
  }
}

/**
 * `fromSqlValue` turns what a driver read into the normalised value, whatever the driver's
 * habits: 0/1 or true/false for booleans, text or `Date` for dates, text or objects for json,
 * text for big integers and decimals.
 */
export function fromSqlValue(column: ColumnSnapshot, raw: unknown): DataValue {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case 'boolean': return raw === true || raw === 1 || raw === '1' || raw === 't' || raw === 'true' || raw === 1n;
    case 'i32': case 'i64': {
      const n = typeof raw === 'bigint' ? raw : BigInt(String(raw));
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'f64': return Number(raw);
    case 'decimal': return canonicalDecimal(String(raw));
    case 'date': return raw instanceof Date ? new Date(Date.UTC(raw.getFullYear(), raw.getMonth(), raw.getDate())) : new Date(`${String(raw).slice(0, 10)}T00:00:00Z`);
    case 'timestamp': return raw instanceof Date ? raw : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(raw)) ? String(raw) : `${String(raw).replace(' ', 'T')}Z`);
    case 'json': return typeof raw === 'string' ? JSON.parse(raw) as DataValue : raw as DataValue;
    case 'bytes': return raw instanceof Uint8Array ? raw : new Uint8Array(raw as ArrayBuffer);
    default: return String(raw);
  }
}
