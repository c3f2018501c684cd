import type { ColumnSnapshot, PortableType } from '@tidemark/core';

/** Types whose values are numbers; PostgreSQL converts between them with assignment casts. */
export const NUMBER_TYPES: ReadonlySet<PortableType> = new Set(['i32', 'i64', 'f64', 'decimal']);
/** Types stored as text or varchar; PostgreSQL converts between them with assignment casts. */
export const TEXT_TYPES: ReadonlySet<PortableType> = new Set(['string', 'text', 'enum']);

/**
 * `renderColumnType` returns the PostgreSQL type of a column (README: Portable types): integer, bigint,
 * double precision, numeric(p,s), varchar(n), text, boolean, uuid, date, timestamptz, jsonb,
 * bytea, and text for enums (kept in range by a CHECK constraint). Lengths and precisions are
 * written only when the snapshot has them, so they read back as they were.
 */
export function renderColumnType(column: ColumnSnapshot): string {
  switch (column.type) {
    // a native array of the element's type: text[], varchar(40)[], numeric(12,3)[]; enum[] is text[] + CHECK
    case 'array': return `${renderColumnType({ ...column, type: column.items! })}[]`;
    case 'i32': return 'integer';
    case 'i64': return 'bigint';
    case 'f64': return 'double precision';
    case 'decimal':
      if (column.precision === undefined) return 'numeric';
      return column.scale === undefined ? `numeric(${column.precision})` : `numeric(${column.precision},${column.scale})`;
    case 'string': return column.length === undefined ? 'varchar' : `varchar(${column.length})`;
    case 'text': return 'text';
    case 'boolean': return 'boolean';
    case 'uuid': return 'uuid';
    case 'date': return 'date';
    case 'timestamp': return 'timestamptz';
    case 'json': return 'jsonb';
    case 'bytes': return 'bytea';
    case 'enum': return 'text';
  }
}
