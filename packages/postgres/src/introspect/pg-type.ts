import type { ColumnType, ElementType, PortableType } from '@tidemark/core';

/** `StoredType` is what a PostgreSQL column type says about its portable type. */
export interface StoredType {
  readonly type: ColumnType;
  /** An array's element type (`_text` is text[]); its typmod is the element's. */
  readonly items?: ElementType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
}

const BY_NAME: Record<string, PortableType> = {
  int4: 'i32', int2: 'i32', int8: 'i64', float8: 'f64', float4: 'f64', numeric: 'decimal',
  varchar: 'string', bpchar: 'string', text: 'text', bool: 'boolean', uuid: 'uuid', date: 'date',
  timestamptz: 'timestamp', timestamp: 'timestamp', jsonb: 'json', json: 'json', bytea: 'bytes',
};

/**
 * `storedType` maps a column's type (`pg_type.typname` and `pg_attribute.atttypmod`) back to a
 * portable type, the inverse of `renderColumnType`. Types Tidemark does not write map to their
 * nearest portable type (smallint → i32, timestamp → timestamp); anything else reads as text, so
 * `migrate:check` reports it as a difference rather than failing.
 */
export function storedType(typname: string, typmod: number): StoredType {
  // pg_type names an array type by its element's name with a leading underscore
  if (typname.startsWith('_')) {
    const element = storedType(typname.slice(1), typmod);
    if (element.type !== 'array' && element.type !== 'json' && element.type !== 'bytes') return { ...element, type: 'array', items: element.type };
  }
  const type = BY_NAME[typname] ?? 'text';
  if (type === 'string') return typmod >= 4 ? { type, length: typmod - 4 } : { type };
  if (type === 'decimal' && typmod >= 4) {
    // numeric's typmod packs (precision << 16 | scale) + 4; the scale is an 11-bit signed field (PostgreSQL 15+)
    const packed = typmod - 4;
    return { type, precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 0x400) - 0x400 };
  }
  return { type };
}
