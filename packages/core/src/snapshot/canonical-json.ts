import { normalizeSnapshot } from './normalize-snapshot.js';
import type { SchemaSnapshot } from './schema-snapshot.js';
import { sha256Hex } from './web-crypto.js';

export { sha256Hex };

/** `serializeSnapshot` renders a snapshot as the byte-stable text of `.schema.json`. */
export function serializeSnapshot(s: SchemaSnapshot): string {
  return `${JSON.stringify(normalizeSnapshot(s), null, 2)}\n`;
}

/**
 * `hashSnapshot` returns `sha256:<hex>` of the snapshot's canonical compact JSON. Migration
 * headers record it; it identifies a schema independently of formatting.
 */
export async function hashSnapshot(s: SchemaSnapshot): Promise<string> {
  return `sha256:${await sha256Hex(JSON.stringify(normalizeSnapshot(s)))}`;
}

/** `normalizeLineEndings` turns CRLF and CR into LF, so a Windows checkout hashes the same. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** `checksumMigration` is the sha256 recorded in `_tidemark_migrations` for a migration file's text. */
export async function checksumMigration(text: string): Promise<string> {
  return sha256Hex(normalizeLineEndings(text));
}
