/**
 * `plainValue` makes a sample value as node-postgres returns it printable as JSON: bytes as
 * \x-hex (PostgreSQL's own spelling), times as ISO text, bigints as text.
 */
export function plainValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}
