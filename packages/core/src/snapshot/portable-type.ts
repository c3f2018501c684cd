/**
 * `PORTABLE_TYPES` lists the column types every backend stores (README: Portable types).
 * `string` has a length (default 255); `decimal` a precision and scale; `enum` its values.
 */
export const PORTABLE_TYPES = [
  'i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'json', 'bytes', 'enum',
] as const;

/** `PortableType` is one of the column types every backend stores. */
export type PortableType = (typeof PORTABLE_TYPES)[number];

/** `isPortableType` tells whether `value` names a portable type. */
export function isPortableType(value: unknown): value is PortableType {
  return typeof value === 'string' && (PORTABLE_TYPES as readonly string[]).includes(value);
}

/** `DEFAULT_STRING_LENGTH` is the length of a `string` column without an explicit one. */
export const DEFAULT_STRING_LENGTH = 255;
/** `DEFAULT_DECIMAL` is the precision and scale of a `decimal` column without explicit ones. */
export const DEFAULT_DECIMAL = { precision: 10, scale: 2 } as const;

/**
 * `ELEMENT_TYPES` are the types an `array` column may hold: every scalar portable type (json and
 * bytes are values of their own, not list elements).
 */
export const ELEMENT_TYPES = [
  'i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'enum',
] as const satisfies readonly PortableType[];

/** `ElementType` is the type of each value of an `array` column. */
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** `isElementType` tells whether `value` names a type an array may hold. */
export function isElementType(value: unknown): value is ElementType {
  return typeof value === 'string' && (ELEMENT_TYPES as readonly string[]).includes(value);
}

/**
 * `ColumnType` is a column's type: a portable type, or `array` of an `ElementType` (the column's
 * `items`; its length, precision, scale and values describe each element).
 */
export type ColumnType = PortableType | 'array';

/** `ArrayTypeName` is one of the `@Column({ type })` spellings of arrays: `'string[]'`, `'i32[]'`… */
export type ArrayTypeName = `${ElementType}[]`;

/** `elementOfTypeName` reads `'string[]'` as its element type; anything else is `undefined`. */
export function elementOfTypeName(value: unknown): ElementType | undefined {
  if (typeof value !== 'string' || !value.endsWith('[]')) return undefined;
  const element = value.slice(0, -2);
  return isElementType(element) ? element : undefined;
}

/**
 * `valueType` is the portable type of a column's whole value: its type, or `json` for an array,
 * whose value is a JSON list where a backend has no native arrays. Conversions never meet an
 * array (core refuses them: backend/array-conversion.ts), so code that converts or checks values
 * between portable types reads a column's type through this; code that renders or reads a
 * column's type branches on `type === 'array'` first.
 */
export function valueType(c: { readonly type: ColumnType }): PortableType {
  return c.type === 'array' ? 'json' : c.type;
}
