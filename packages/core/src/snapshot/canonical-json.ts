import { normalizeSnapshot } from './normalize-snapshot.js';
import type { SchemaSnapshot } from './schema-snapshot.js';
import { sha256Hex } from './web-crypto.js';

export { sha256Hex };

/** `serializeSnapshot` renders a snapshot as the byte-stable text of `.schema.json`. */
export function serializeSnapshot(s: SchemaSnapshot): string {
  return `${JSON.stringify(normalizeSnapshot(s), null, 2)}\n`;
}

/**
 * The format version a schema is hashed as. A hash names a schema, not a file format: migration
 * headers written before a format bump must still chain with those written after it (fork
 * detection follows `from → to`), so the hash is always taken as of version 1. Fields a later
 * version adds are optional and absent from schemas that do not use them, so such a schema hashes
 * as it always did.
 */
const HASHED_VERSION = 1;

/**
 * `hashSnapshot` returns `sha256:<hex>` of the snapshot's canonical compact JSON. Migration
 * headers record it; it identifies a schema independently of formatting and of the format version.
 */
export async function hashSnapshot(s: SchemaSnapshot): Promise<string> {
  return `sha256:${await sha256Hex(JSON.stringify({ ...normalizeSnapshot(s), version: HASHED_VERSION }))}`;
}

/** `normalizeLineEndings` turns CRLF and CR into LF, so a Windows checkout hashes the same. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** `checksumMigration` is the sha256 recorded in `_tidemark_migrations` for a migration file's text. */
export async function checksumMigration(text: string): Promise<string> {
  return sha256Hex(normalizeLineEndings(text));
}
