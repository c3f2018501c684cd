import { canonicalDecimal, type ColumnSnapshot, type DataValue } from '@tidemark/core';

/**
 * `toDocumentValue` writes a normalised value (core's `normalizeValue`) as the Extended JSON
 * the column's BSON type takes ($jsonSchema in schema/validator.ts): int, long, double,
 * decimal, date, binData; json as the object itself.
 */
export function toDocumentValue(column: ColumnSnapshot, value: DataValue): unknown {
  if (value === null) return null;
  switch (column.type) {
    case 'i32': return { $numberInt: String(value) };
    case 'i64': return { $numberLong: String(value) };
    case 'f64': return { $numberDouble: String(value) };
    case 'decimal': return { $numberDecimal: String(value) };
    case 'date': return { $date: `${(value as Date).toISOString().slice(0, 10)}T00:00:00.000Z` };
    case 'timestamp': return { $date: (value as Date).toISOString() };
    case 'bytes': return { $binary: { base64: base64(value as Uint8Array), subType: '00' } };
    case 'json': return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))) as unknown;
    default: return value;
  }
}

/** `fromDocumentValue` reads a field of a reply (relaxed Extended JSON) back as a normalised value. */
export function fromDocumentValue(column: ColumnSnapshot, raw: unknown): DataValue {
  if (raw === null || raw === undefined) return null;
  const wrapped = (key: string): unknown => (typeof raw === 'object' && raw !== null && key in raw ? (raw as Record<string, unknown>)[key] : raw);
  switch (column.type) {
    case 'i32': case 'i64': {
      const n = BigInt(String(wrapped('$numberLong')));
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case 'f64': return Number(wrapped('$numberDouble'));
    case 'decimal': return canonicalDecimal(String(wrapped('$numberDecimal')));
    case 'date': case 'timestamp': {
      const d = wrapped('$date');
      return new Date(typeof d === 'object' && d !== null ? Number((d as { $numberLong: string }).$numberLong) : String(d));
    }
    case 'bytes': {
      const b = wrapped('$binary') as { base64: string };
      return Uint8Array.from(Buffer.from(b.base64, 'base64'));
    }
    default: return raw as DataValue;
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
