import { isElementType, isPortableType, type ColumnDefault, type ColumnSnapshot, type ElementType, type ForeignKeySnapshot, type PortableType, type TableSnapshot } from '@tidemark/core';

/**
 * Where Tidemark keeps what MongoDB cannot hold. A `$jsonSchema` accepts `description` (a string)
 * on every schema but rejects unknown keywords such as `default`, so each property's description
 * carries its column's metadata and the top-level description the table's, as
 * `tidemark:{…json…}`. Kept in the validator rather than in a side collection because the
 * validator moves with the collection: `renameCollection` keeps it, `drop` removes it, and one
 * `collMod` changes the real rules and the metadata together.
 *
 * Real (enforced by MongoDB, read back from the validator and indexes): bsonType (the type class
 * and nullability), required, maxLength (string(n)), pattern (uuid), enum (enum values), the key
 * and every index. Metadata (kept, never enforced): the portable type where BSON does not tell it
 * (string/text, date/timestamp), defaults, decimal precision and scale, foreign keys.
 */
const PREFIX = 'tidemark:';

/** `ColumnMetadata` is what a column's description carries. */
export interface ColumnMetadata {
  readonly type?: PortableType | 'array';
  /** An array column's element type (its schema's `items` says the BSON type only). */
  readonly items?: ElementType;
  readonly default?: ColumnDefault;
  readonly precision?: number;
  readonly scale?: number;
}

/** `TableMetadata` is what a validator's top-level description carries. */
export interface TableMetadata {
  readonly foreignKeys: readonly ForeignKeySnapshot[];
}

/** `encodeColumnMetadata` writes a column's metadata, keys in a fixed order. */
export function encodeColumnMetadata(c: ColumnSnapshot): string {
  return PREFIX + JSON.stringify({
    type: c.type,
    ...(c.items !== undefined ? { items: c.items } : {}),
    ...(c.default !== undefined ? { default: c.default } : {}),
    ...(c.precision !== undefined ? { precision: c.precision } : {}),
    ...(c.scale !== undefined ? { scale: c.scale } : {}),
  });
}

/** `encodeTableMetadata` writes a table's metadata. */
export function encodeTableMetadata(t: TableSnapshot): string {
  return PREFIX + JSON.stringify({ foreignKeys: t.foreignKeys });
}

function parse(description: unknown): Record<string, unknown> {
  if (typeof description !== 'string' || !description.startsWith(PREFIX)) return {};
  try {
    const value: unknown = JSON.parse(description.slice(PREFIX.length));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch {
    return {}; // a description someone else wrote: no metadata
  }
}

const isScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isDefault = (v: unknown): v is ColumnDefault =>
  isScalar(v) || (Array.isArray(v) && v.every(isScalar))
  || (typeof v === 'object' && v !== null && (v as { fn?: unknown }).fn === 'now');

/** `decodeColumnMetadata` reads a column's metadata; anything unreadable is left out. */
export function decodeColumnMetadata(description: unknown): ColumnMetadata {
  const o = parse(description);
  return {
    ...(isPortableType(o.type) || o.type === 'array' ? { type: o.type } : {}),
    ...(isElementType(o.items) ? { items: o.items } : {}),
    ...(isDefault(o.default) ? { default: Array.isArray(o.default) ? [...o.default] : typeof o.default === 'object' ? { fn: 'now' as const } : o.default } : {}),
    ...(typeof o.precision === 'number' ? { precision: o.precision } : {}),
    ...(typeof o.scale === 'number' ? { scale: o.scale } : {}),
  };
}

const ACTIONS = new Set(['cascade', 'restrict', 'set null', 'no action']);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** `decodeTableMetadata` reads a table's metadata; malformed foreign keys are left out. */
export function decodeTableMetadata(description: unknown): TableMetadata {
  const list = parse(description).foreignKeys;
  const foreignKeys = (Array.isArray(list) ? list : []).filter((f): f is ForeignKeySnapshot => {
    const o = f as Record<string, unknown>;
    return typeof o === 'object' && o !== null && typeof o.name === 'string' && strings(o.columns) && typeof o.referencedTable === 'string'
      && strings(o.referencedColumns) && ACTIONS.has(o.onDelete as string) && ACTIONS.has(o.onUpdate as string);
  });
  return { foreignKeys };
}
