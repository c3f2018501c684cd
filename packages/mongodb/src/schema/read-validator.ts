import { isElementType, type ColumnSnapshot, type ForeignKeySnapshot, type PortableType } from '@tidemark/core';
import { isDocument, type Document } from '../document.js';
import { UUID_PATTERN } from './bson-types.js';
import { decodeColumnMetadata, decodeTableMetadata, encodeColumnMetadata } from './column-metadata.js';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The portable type of a property: the real BSON types decide the kind, the metadata only
 * refines what BSON cannot say (string or text, date or timestamp). Where the two disagree (a
 * validator edited by hand) the database wins.
 */
function portableType(types: readonly string[], property: Document, meta: PortableType | 'array' | undefined): PortableType {
  if (same(types, ['int'])) return 'i32';
  if (same(types, ['long', 'int']) || same(types, ['long'])) return 'i64';
  if (same(types, ['double', 'int']) || same(types, ['double'])) return 'f64';
  if (same(types, ['decimal'])) return 'decimal';
  if (same(types, ['bool'])) return 'boolean';
  if (same(types, ['date'])) return meta === 'date' ? 'date' : 'timestamp';
  if (same(types, ['binData'])) return 'bytes';
  if (same(types, ['string'])) {
    // an enum with no values has no `enum` keyword to write: only the metadata says enum
    if (Array.isArray(property.enum) || (meta === 'enum' && property.enum === undefined)) return 'enum';
    if (property.pattern === UUID_PATTERN) return 'uuid';
    if (typeof property.maxLength === 'number') return 'string';
    return meta === 'string' ? 'string' : 'text';
  }
  return 'json'; // object/array, or a mix Tidemark does not write: the widest portable type
}

/** `columnFromProperty` reads one column back from its `$jsonSchema` property. */
export function columnFromProperty(name: string, property: Document, required: boolean): ColumnSnapshot {
  const all = asList(property.bsonType);
  const types = all.filter((t) => t !== 'null');
  const meta = decodeColumnMetadata(property.description);
  if (same(types, ['array']) && isDocument(property.items)) return arrayColumn(name, property, all.includes('null') || !required, meta);
  const type = portableType(types, property, meta.type);
  // missing counts as null: a field that need not be present is nullable
  const nullable = !required || all.includes('null');
  const values = Array.isArray(property.enum) ? property.enum.filter((v): v is string => typeof v === 'string') : undefined;
  return {
    name,
    type,
    nullable,
    ...(meta.default !== undefined ? { default: meta.default } : {}),
    ...(type === 'string' && typeof property.maxLength === 'number' ? { length: property.maxLength } : {}),
    ...(type === 'decimal' && meta.precision !== undefined ? { precision: meta.precision } : {}),
    ...(type === 'decimal' && meta.scale !== undefined ? { scale: meta.scale } : {}),
    ...(type === 'enum' ? { values: values ?? [] } : {}),
  };
}

/**
 * An array column: a BSON array with an `items` schema. The element is read like a column of its
 * own (the metadata's element type refines string/text and date/timestamp); without `items` an
 * array is json.
 */
function arrayColumn(name: string, property: Document, nullable: boolean, meta: ReturnType<typeof decodeColumnMetadata>): ColumnSnapshot {
  const hint = { name, type: meta.items ?? 'text', nullable: false, ...(meta.precision !== undefined ? { precision: meta.precision } : {}), ...(meta.scale !== undefined ? { scale: meta.scale } : {}) } as const;
  const element = columnFromProperty(name, { ...(property.items as Document), description: encodeColumnMetadata(hint) }, true);
  const items = isElementType(element.type) ? element.type : 'text';
  return {
    name, type: 'array', items, nullable,
    ...(meta.default !== undefined ? { default: meta.default } : {}),
    ...(element.length !== undefined ? { length: element.length } : {}),
    ...(element.precision !== undefined ? { precision: element.precision } : {}),
    ...(element.scale !== undefined ? { scale: element.scale } : {}),
    ...(element.values !== undefined ? { values: element.values } : {}),
  };
}

/** `jsonSchemaOf` returns a collection validator's `$jsonSchema`, if that is what it is. */
export function jsonSchemaOf(validator: unknown): Document | undefined {
  return isDocument(validator) && isDocument(validator.$jsonSchema) ? validator.$jsonSchema : undefined;
}

/** `columnsFromValidator` reads every column of a collection's validator (none without one). */
export function columnsFromValidator(validator: unknown): ColumnSnapshot[] {
  const schema = jsonSchemaOf(validator);
  if (!schema || !isDocument(schema.properties)) return [];
  const required = new Set(asList(schema.required));
  return Object.entries(schema.properties)
    .filter((entry): entry is [string, Document] => isDocument(entry[1]))
    .map(([name, property]) => columnFromProperty(name, property, required.has(name)));
}

/** `foreignKeysFromValidator` reads the foreign keys kept in the validator's metadata. */
export function foreignKeysFromValidator(validator: unknown): ForeignKeySnapshot[] {
  return [...decodeTableMetadata(jsonSchemaOf(validator)?.description).foreignKeys];
}
