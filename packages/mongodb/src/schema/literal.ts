import { isDefaultNow, unsupportedOperation, type ColumnDefault, type ColumnSnapshot, isListDefault } from '@tidemark/core';
import type { Document } from '../document.js';

function refuse(column: ColumnSnapshot, value: unknown, why: string): never {
  throw unsupportedOperation('mongodb', `store ${JSON.stringify(value)} in ${column.type} column ${column.name}: ${why}`,
    'give the column a default (or back-fill value) of its own type');
}

function number(column: ColumnSnapshot, value: string | number | boolean): number {
  const n = typeof value === 'boolean' ? Number(value) : Number(value);
  if (!Number.isFinite(n)) refuse(column, value, 'it is not a number');
  return n;
}

function date(column: ColumnSnapshot, value: string | number | boolean): { $date: string } {
  const d = new Date(typeof value === 'boolean' ? Number.NaN : value);
  if (Number.isNaN(d.getTime())) refuse(column, value, 'it is not a date');
  return { $date: column.type === 'date' ? `${d.toISOString().slice(0, 10)}T00:00:00.000Z` : d.toISOString() };
}

function json(column: ColumnSnapshot, value: string | number | boolean): unknown {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try { parsed = JSON.parse(value); } catch { refuse(column, value, 'it is not JSON text'); }
  }
  if (typeof parsed !== 'object' || parsed === null) refuse(column, value, 'a json column holds an object or an array on MongoDB');
  return parsed;
}

/**
 * `literalFor` writes a default or back-fill value as the Extended JSON of the column's
 * canonical BSON type, so an i64 gets a long and a decimal a Decimal128 rather than whatever a
 * JavaScript number would become. Dates read ISO-8601 text; json reads JSON text; bytes take the
 * UTF-8 bytes of the text (the portable back-fill of bytes is '').
 */
export function literalFor(column: ColumnSnapshot, value: string | number | boolean): unknown {
  switch (column.type) {
    case 'i32': {
      const n = number(column, value);
      if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) refuse(column, value, 'it is not a 32-bit integer');
      return { $numberInt: String(n) };
    }
    case 'i64': {
      const n = number(column, value);
      if (!Number.isInteger(n)) refuse(column, value, 'it is not an integer');
      return { $numberLong: BigInt(n).toString() };
    }
    case 'f64': return { $numberDouble: String(number(column, value)) };
    case 'decimal': return { $numberDecimal: String(number(column, value)) };
    case 'boolean': return typeof value === 'boolean' ? value : ['1', 'true', 't', 'yes'].includes(String(value).trim().toLowerCase());
    case 'date': case 'timestamp': return date(column, value);
    case 'json': return json(column, value);
    case 'bytes': return { $binary: { base64: Buffer.from(String(value), 'utf8').toString('base64'), subType: '00' } };
    case 'string': case 'text': case 'uuid': case 'enum': return String(value);
  }
}

/**
 * `fillUpdate` is the update that gives a document the column's value: `$set` of the literal,
 * or, for the current-time default, an update pipeline reading `$$NOW` (the server's clock; a
 * date column keeps the day).
 */
export function fillUpdate(column: ColumnSnapshot, value: ColumnDefault): Document | Document[] {
  if (isDefaultNow(value)) {
    const now = column.type === 'date' ? { $dateTrunc: { date: '$$NOW', unit: 'day' } } : '$$NOW';
    if (column.type !== 'date' && column.type !== 'timestamp') refuse(column, value, 'only date and timestamp columns default to the current time');
    return [{ $set: { [column.name]: now } }];
  }
  // an array column's list: each element as its element type's literal
  if (isListDefault(value)) return { $set: { [column.name]: value.map((v) => literalFor({ ...column, type: column.items! }, v)) } };
  return { $set: { [column.name]: literalFor(column, value) } };
}
