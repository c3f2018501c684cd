import type { ColumnSnapshot, ColumnType, ElementType, PortableType } from '@tidemark/core';

/**
 * `I64_MARKER` is the comment written after `INTEGER` in an auto-increment i64 key: SQLite only
 * makes a rowid alias of a column declared exactly `INTEGER PRIMARY KEY`, so the i64 type is kept
 * in a comment, which SQLite stores verbatim in `sqlite_master.sql`.
 */
export const I64_MARKER = 'tidemark:i64';

/**
 * `renderColumnType` returns the declared SQLite type of a column (README type table).
 * Lengths and precisions are written only when the snapshot has them, so they read back as they were.
 */
export function renderColumnType(column: ColumnSnapshot): string {
  switch (column.type) {
    // a JSON list, declared `ARRAY <element type>` so the element type reads back (see ARRAY_PREFIX)
    case 'array': return `${ARRAY_PREFIX}${renderColumnType({ ...column, type: column.items! })}`;
    case 'i32': return 'INTEGER';
    case 'i64': return column.autoIncrement ? `INTEGER /* ${I64_MARKER} */` : 'BIGINT';
    case 'f64': return 'REAL';
    case 'decimal':
      if (column.precision === undefined) return 'NUMERIC';
      return column.scale === undefined ? `NUMERIC(${column.precision})` : `NUMERIC(${column.precision},${column.scale})`;
    case 'string': return column.length === undefined ? 'VARCHAR' : `VARCHAR(${column.length})`;
    case 'text': return 'TEXT';
    case 'boolean': return 'BOOLEAN';
    case 'uuid': return 'UUID';
    case 'date': return 'DATE';
    case 'timestamp': return 'TIMESTAMP';
    case 'json': return 'JSON';
    case 'bytes': return 'BLOB';
    case 'enum': return 'TEXT';
  }
}

/**
 * `ARRAY_PREFIX` starts the declared type of an array column: `ARRAY VARCHAR(40)`, `ARRAY INTEGER`.
 * SQLite stores declared types verbatim; the value is JSON text (a CHECK keeps it a JSON list).
 */
export const ARRAY_PREFIX = 'ARRAY ';

/** `DeclaredType` is what a declared SQLite type says about a column's portable type. */
export interface DeclaredType {
  readonly type: ColumnType;
  readonly items?: ElementType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
}

/** `DeclaredTypeHints` are what the table's SQL says beyond the declared type. */
export interface DeclaredTypeHints {
  /** The column carries the `tidemark:i64` comment. */
  readonly i64Marker?: boolean;
  /** The column has a `CHECK (c IN ('a', ...))` of strings: it is an enum. */
  readonly enumValues?: readonly string[];
}

const EXACT: Record<string, PortableType> = {
  INTEGER: 'i32', INT: 'i32', BIGINT: 'i64', REAL: 'f64', DOUBLE: 'f64', FLOAT: 'f64', NUMERIC: 'decimal', DECIMAL: 'decimal',
  VARCHAR: 'string', TEXT: 'text', BOOLEAN: 'boolean', UUID: 'uuid', DATE: 'date', TIMESTAMP: 'timestamp', DATETIME: 'timestamp',
  JSON: 'json', BLOB: 'bytes',
};

/**
 * `parseDeclaredType` maps a declared SQLite type (as `PRAGMA table_info` reports it) back to a
 * portable type, the inverse of `renderColumnType`. A type Tidemark did not write falls back on
 * SQLite's own affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).
 */
export function parseDeclaredType(declared: string, hints: DeclaredTypeHints = {}): DeclaredType {
  if (declared.toUpperCase().startsWith(ARRAY_PREFIX)) {
    const element = parseDeclaredType(declared.slice(ARRAY_PREFIX.length));
    if (element.type !== 'array' && element.type !== 'json' && element.type !== 'bytes') return { ...element, type: 'array', items: element.type };
  }
  const m = /^\s*([A-Za-z_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(declared);
  const base = (m?.[1] ?? declared).toUpperCase().replace(/\s+/g, ' ');
  const a = m?.[2] === undefined ? undefined : Number(m[2]);
  const b = m?.[3] === undefined ? undefined : Number(m[3]);
  const type = EXACT[base] ?? byAffinity(base);
  if (type === 'i32' && hints.i64Marker) return { type: 'i64' };
  if (type === 'text' && hints.enumValues) return { type: 'enum' };
  if (type === 'string') return a === undefined ? { type } : { type, length: a };
  if (type === 'decimal') {
    if (a === undefined) return { type };
    return b === undefined ? { type, precision: a } : { type, precision: a, scale: b };
  }
  return { type };
}

function byAffinity(base: string): PortableType {
  if (base.includes('INT')) return 'i64';
  if (base.includes('CHAR') || base.includes('CLOB') || base.includes('TEXT')) return 'text';
  if (base.includes('BLOB') || base === '') return 'bytes';
  if (base.includes('REAL') || base.includes('FLOA') || base.includes('DOUB')) return 'f64';
  return 'decimal';
}
