import type { PortableType } from '@tidemark/core';

/**
 * `BSON_TYPES` are the `$jsonSchema` `bsonType`s a column of each portable type accepts, the
 * canonical one (what Tidemark writes and converts to) first. i64 and f64 also accept `int`
 * because the Node driver writes every whole JavaScript number that fits 32 bits as an int:
 * `{ n: 5 }` must be a valid i64, and `{ x: 2 }` a valid f64. json holds an object or an array.
 * string, text, uuid and enum are all BSON strings: the validator's maxLength / pattern / enum
 * and the column metadata tell them apart.
 */
export const BSON_TYPES: Readonly<Record<PortableType, readonly string[]>> = {
  i32: ['int'],
  i64: ['long', 'int'],
  f64: ['double', 'int'],
  decimal: ['decimal'],
  string: ['string'],
  text: ['string'],
  uuid: ['string'],
  enum: ['string'],
  boolean: ['bool'],
  date: ['date'],
  timestamp: ['date'],
  json: ['object', 'array'],
  bytes: ['binData'],
};

/** `canonicalBsonType` is the BSON type Tidemark stores a column's values as. */
export function canonicalBsonType(type: PortableType): string {
  return BSON_TYPES[type][0]!;
}

/** `TypeClass` groups portable types by what their values are in BSON. */
export type TypeClass = 'number' | 'string' | 'bool' | 'date' | 'json' | 'bytes';

/** `typeClass` is the kind of BSON value a column holds. */
export function typeClass(type: PortableType): TypeClass {
  switch (type) {
    case 'i32': case 'i64': case 'f64': case 'decimal': return 'number';
    case 'string': case 'text': case 'uuid': case 'enum': return 'string';
    case 'boolean': return 'bool';
    case 'date': case 'timestamp': return 'date';
    case 'json': return 'json';
    case 'bytes': return 'bytes';
  }
}

/**
 * `typeAlias` is the single `$type` name matching every non-null value of a column (`number`
 * covers int, long, double and decimal), for a unique index's partial filter.
 */
export function typeAlias(type: PortableType): string {
  const c = typeClass(type);
  return c === 'json' ? 'object' : c === 'bytes' ? 'binData' : c;
}

/**
 * `UUID_PATTERN` is what a uuid column's values must match (the validator's `pattern`): the
 * 8-4-4-4-12 hexadecimal form, either case, as PostgreSQL's uuid type reads it.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
