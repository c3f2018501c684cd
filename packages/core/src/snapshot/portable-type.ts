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
