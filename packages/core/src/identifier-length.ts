/**
 * Identifier limits: PostgreSQL keeps the first 63 bytes of a name and silently drops the rest,
 * MySQL refuses names over 64 characters (characters, not bytes: 64 two-byte letters are a valid
 * name there, and shortening them would give a name the model never asked for). A backend with
 * `maxIdentifierLength` (counted in its `identifierLengthUnit`) renders every name
 * through `shortenIdentifier`, so a long generated name (`idx_<table>_<columns>`) becomes one
 * that fits and is the same on every run, and two long names that share a prefix stay distinct.
 */

/** UTF-8 length of `name`, without `TextEncoder` (core has no platform imports). */
export function utf8Length(name: string): number {
  let n = 0;
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `IdentifierLengthUnit` is what a backend's identifier limit counts. */
export type IdentifierLengthUnit = 'bytes' | 'characters';

/**
 * `identifierLength` is the length of `name` as a backend counts it: UTF-8 bytes, or characters
 * (code points, as MySQL counts them).
 */
export function identifierLength(name: string, unit: IdentifierLengthUnit = 'bytes'): number {
  return unit === 'bytes' ? utf8Length(name) : [...name].length;
}

/** FNV-1a (32 bit) over the UTF-16 code units: a stable, synchronous fingerprint, not a secret. */
function fingerprint(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `shortenIdentifier` returns `name` when it fits in `max` (UTF-8 bytes, or characters for a
 * backend that counts those); otherwise the longest prefix (whole characters) that leaves room
 * for `_` and an 8-digit hash of the whole name.
 * @example shortenIdentifier('idx_' + 'x'.repeat(80), 63) // 'idx_xxx…xxx_1a2b3c4d' (63 bytes)
 * @example shortenIdentifier('é'.repeat(64), 64, 'characters') // unchanged: 64 characters
 */
export function shortenIdentifier(name: string, max: number | undefined, unit: IdentifierLengthUnit = 'bytes'): string {
  if (max === undefined || identifierLength(name, unit) <= max) return name;
  const suffix = `_${fingerprint(name)}`;
  let prefix = '';
  let used = 0;
  for (const ch of name) {
    const len = identifierLength(ch, unit);
    if (used + len > max - suffix.length) break;
    prefix += ch;
    used += len;
  }
  return prefix + suffix;
}

/** `IdentifierLimits` are the two capability flags that say how a backend limits identifiers. */
export interface IdentifierLimits {
  readonly maxIdentifierLength?: number;
  readonly identifierLengthUnit?: IdentifierLengthUnit;
}

/**
 * `shortenFor` shortens names as a backend with these capabilities stores them: the one place
 * `maxIdentifierLength` and `identifierLengthUnit` become names (docs/architecture.md: Where
 * each invariant lives). Without a limit, names are kept.
 * @example shortenFor({ maxIdentifierLength: 64, identifierLengthUnit: 'characters' })('é'.repeat(64)) // unchanged
 */
export function shortenFor(limits: IdentifierLimits): (name: string) => string {
  return (name) => shortenIdentifier(name, limits.maxIdentifierLength, limits.identifierLengthUnit);
}
