import { DEFAULT_DECIMAL, DEFAULT_STRING_LENGTH, unsupportedOperation, type ColumnSnapshot, internalError } from '@tidemark/core';
import { renderLiteral } from './quote.js';

/**
 * Size markers, stored as the column COMMENT: MySQL has no VARCHAR without a length nor DECIMAL
 * without a precision, so a column whose migration gave none is created with Tidemark's defaults
 * (string 255, decimal(10,2)) and this comment says so, for introspection to read back exactly
 * what the migration wrote (sqlite keeps `VARCHAR`, PostgreSQL `varchar`, likewise).
 */
export const SIZE_MARKERS = {
  /** string without length, decimal without precision and scale */
  unsized: 'tidemark:default-size',
  /** decimal with a precision but no scale */
  noScale: 'tidemark:default-scale',
} as const;

/** `sizeMarker` is the COMMENT a column needs to read back as written, if any. */
export function sizeMarker(column: ColumnSnapshot): string | undefined {
  if (column.type === 'string' && column.length === undefined) return SIZE_MARKERS.unsized;
  if (column.type === 'decimal' && column.precision === undefined) return SIZE_MARKERS.unsized;
  if (column.type === 'decimal' && column.scale === undefined) return SIZE_MARKERS.noScale;
  return undefined;
}

/** `UUID_LENGTH` is the length of the CHAR a uuid is stored in (36: 32 hex digits and 4 dashes). */
export const UUID_LENGTH = 36;

/**
 * `renderColumnType` returns the MySQL type of a column (README type table): text is LONGTEXT
 * and bytes LONGBLOB so that neither has a size limit the model does not state.
 * @example renderColumnType({ name: 'price', type: 'decimal', nullable: false, precision: 12, scale: 3 }) // 'DECIMAL(12,3)'
 */
export function renderColumnType(column: ColumnSnapshot): string {
  switch (column.type) {
    case 'array': throw internalError('array columns never reach mysql: checkCapabilities refuses them (capabilities.arrayItems)');
    case 'i32': return 'INT';
    case 'i64': return 'BIGINT';
    case 'f64': return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${column.precision ?? DEFAULT_DECIMAL.precision},${column.scale ?? (column.precision === undefined ? DEFAULT_DECIMAL.scale : 0)})`;
    case 'string': return `VARCHAR(${column.length ?? DEFAULT_STRING_LENGTH})`;
    case 'text': return 'LONGTEXT';
    case 'boolean': return 'TINYINT(1)';
    case 'uuid': return `CHAR(${UUID_LENGTH})`;
    case 'date': return 'DATE';
    case 'timestamp': return 'DATETIME(3)';
    case 'json': return 'JSON';
    case 'bytes': return 'LONGBLOB';
    case 'enum': {
      const values = column.values ?? [];
      if (values.length === 0) {
        throw unsupportedOperation('mysql', `create the enum column ${column.name} without values`, 'list the allowed values of the enum');
      }
      return `ENUM(${values.map((v) => renderLiteral(v)).join(',')})`;
    }
  }
}
