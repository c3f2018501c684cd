import { valueType } from '@tidemark/core';
import type { ColumnSnapshot, TableSnapshot } from '@tidemark/core';
import type { Document } from '../document.js';
import { BSON_TYPES, UUID_PATTERN } from './bson-types.js';
import { encodeColumnMetadata, encodeTableMetadata } from './column-metadata.js';

/**
 * `VALIDATION` is how every managed collection validates: `strict` checks every insert and every
 * update (an update to an old, invalid document too), `error` rejects the write. Tidemark's own
 * data rewrites run under the validator as well, never with bypassDocumentValidation.
 */
export const VALIDATION = { validationLevel: 'strict', validationAction: 'error' } as const;

/**
 * `columnSchema` is a column's `$jsonSchema` property: its BSON types (`null` added when it is
 * nullable), maxLength for string(n), the uuid pattern, the enum values (plus null when
 * nullable, since `enum` also applies to null), and the metadata in `description`.
 */
export function columnSchema(c: ColumnSnapshot): Document {
  if (c.type === 'array') {
    // a BSON array whose every element matches the element's schema (type, maxLength, pattern, enum)
    const { description: _, ...items } = columnSchema({ ...c, type: c.items!, nullable: false });
    return { bsonType: c.nullable ? ['array', 'null'] : 'array', items, description: encodeColumnMetadata(c) };
  }
  const types = [...BSON_TYPES[valueType(c)], ...(c.nullable ? ['null'] : [])];
  const values = c.type === 'enum' ? c.values ?? [] : [];
  return {
    bsonType: types.length === 1 ? types[0] : types,
    ...(c.type === 'string' && c.length !== undefined ? { maxLength: c.length } : {}),
    ...(c.type === 'uuid' ? { pattern: UUID_PATTERN } : {}),
    ...(values.length > 0 ? { enum: [...values, ...(c.nullable ? [null] : [])] } : {}),
    description: encodeColumnMetadata(c),
  };
}

/**
 * `jsonSchemaFor` is the `$jsonSchema` of a table: NOT NULL columns are `required`, every column
 * is a property, and fields outside the model are allowed (no `additionalProperties: false`), as
 * MongoDB users expect. `without` leaves columns unconstrained while their data is rewritten.
 */
export function jsonSchemaFor(table: TableSnapshot, without: ReadonlySet<string> = new Set()): Document {
  const columns = table.columns.filter((c) => !without.has(c.name));
  const required = columns.filter((c) => !c.nullable).map((c) => c.name);
  return {
    bsonType: 'object',
    ...(required.length > 0 ? { required } : {}), // MongoDB refuses an empty `required`
    properties: Object.fromEntries(columns.map((c) => [c.name, columnSchema(c)])),
    description: encodeTableMetadata(table),
  };
}

/** `createCommand` creates a table's collection with its validator. */
export function createCommand(table: TableSnapshot): Document {
  return { create: table.name, validator: { $jsonSchema: jsonSchemaFor(table) }, ...VALIDATION };
}

/** `collModCommand` replaces a collection's validator with the table's (minus `without`). */
export function collModCommand(table: TableSnapshot, without: ReadonlySet<string> = new Set()): Document {
  return { collMod: table.name, validator: { $jsonSchema: jsonSchemaFor(table, without) }, ...VALIDATION };
}
