import type { PortableType } from '@tidemark/core';
import { SIZE_MARKERS, UUID_LENGTH } from '@tidemark/sql/mysql';

/** `ColumnTypeRow` is the part of `information_schema.COLUMNS` that says a column's type. */
export interface ColumnTypeRow {
  /** DATA_TYPE: `int`, `varchar`, `longtext`, … */
  readonly dataType: string;
  /** COLUMN_TYPE: `int(11)`, `tinyint(1)`, `enum('a','b')`, … */
  readonly columnType: string;
  readonly charLength: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  /** COLUMN_COMMENT: a size marker (see SIZE_MARKERS) or anything else. */
  readonly comment: string;
}

/** `ParsedType` is a column's portable type with its length, precision, scale or values. */
export interface ParsedType {
  readonly type: PortableType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly values?: readonly string[];
}

/** `parseEnumValues` reads the values of `enum('a','it''s')` (MySQL may also write `\'`). */
export function parseEnumValues(columnType: string): string[] {
  const body = /^enum\((.*)\)$/is.exec(columnType.trim())?.[1] ?? '';
  const values: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/gs;
  for (const m of body.matchAll(re)) {
    values.push(m[1]!.replace(/''|\\(.)/gs, (all, ch: string | undefined) => (ch === undefined ? "'" : ch)));
  }
  return values;
}

/**
 * `parseColumnType` maps a column's MySQL type back to a portable type, the inverse of
 * `renderColumnType`. `json` is true for a MariaDB column whose JSON is LONGTEXT with a
 * `json_valid` CHECK. Types Tidemark never writes map to the nearest portable type
 * (SMALLINT → i32, FLOAT → f64, TIME → string…), so a hand-made table still reads.
 */
export function parseColumnType(row: ColumnTypeRow, json = false): ParsedType {
  const dataType = row.dataType.toLowerCase();
  const unsized = row.comment === SIZE_MARKERS.unsized;
  switch (dataType) {
    case 'tinyint':
      return /^tinyint\(1\)/i.test(row.columnType) ? { type: 'boolean' } : { type: 'i32' };
    case 'bit':
      return /^bit\(1\)/i.test(row.columnType) ? { type: 'boolean' } : { type: 'i64' };
    case 'smallint': case 'mediumint': case 'int': case 'integer':
      return /unsigned/i.test(row.columnType) && dataType === 'int' ? { type: 'i64' } : { type: 'i32' };
    case 'bigint': return { type: 'i64' };
    case 'double': case 'float': case 'real': return { type: 'f64' };
    case 'decimal': case 'numeric': {
      if (unsized) return { type: 'decimal' };
      if (row.comment === SIZE_MARKERS.noScale) return { type: 'decimal', precision: row.precision ?? 10 };
      return { type: 'decimal', precision: row.precision ?? 10, scale: row.scale ?? 0 };
    }
    case 'char':
      if (row.charLength === UUID_LENGTH) return { type: 'uuid' };
      return { type: 'string', length: row.charLength ?? 1 };
    case 'varchar':
      return unsized ? { type: 'string' } : { type: 'string', length: row.charLength ?? 255 };
    case 'tinytext': case 'text': case 'mediumtext': case 'longtext':
      return { type: json ? 'json' : 'text' };
    case 'json': return { type: 'json' };
    case 'tinyblob': case 'blob': case 'mediumblob': case 'longblob': case 'binary': case 'varbinary':
      return { type: 'bytes' };
    case 'date': return { type: 'date' };
    case 'datetime': case 'timestamp': return { type: 'timestamp' };
    case 'enum': return { type: 'enum', values: parseEnumValues(row.columnType) };
    default: return { type: 'string', length: row.charLength ?? 255 };
  }
}
