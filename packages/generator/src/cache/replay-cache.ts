import { join } from 'node:path';
import type { MigrationFile } from '@tidemark/migrator';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { contentHash } from './content-hash.js';

const FORMAT = 'tidemark.replay-cache/1';
const FILE = 'replayed-schema.json';

interface Body {
  readonly key: string;
  readonly schemaHash: string;
}

/** The migration files as the replay sees them: their ids and checksums (of the text, line endings normalised). */
function keyOf(files: readonly MigrationFile[]): string {
  return contentHash(files.map((f) => `${f.id}\0${f.checksum}`).join('\n'));
}

/**
 * `ReplayCache` remembers the hash of the schema that replaying the migration files gave, under
 * their ids and checksums: when no migration file changed, generate compares `.schema.json` with
 * it instead of loading and recording every migration again (README: Measured).
 * @internal
 */
export class ReplayCache {
  readonly #path: string;
  readonly #scope: string;

  constructor(directory: string, migrationsDir: string) {
    this.#path = join(directory, FILE);
    this.#scope = migrationsDir;
  }

  /** `lookup` is the replayed schema's hash for exactly these files, if known. */
  lookup(files: readonly MigrationFile[]): string | undefined {
    const body = readCacheFile<Body>(this.#path, FORMAT, this.#scope);
    return body?.key === keyOf(files) && typeof body.schemaHash === 'string' ? body.schemaHash : undefined;
  }

  store(files: readonly MigrationFile[], schemaHash: string): void {
    writeCacheFile(this.#path, FORMAT, this.#scope, { key: keyOf(files), schemaHash } satisfies Body);
  }
}
