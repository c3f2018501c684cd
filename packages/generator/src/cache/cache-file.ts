import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { TIDEMARK_VERSION } from './tidemark-version.js';

/** `CacheHeader` is what every cache file starts with; a file whose header differs is ignored. @internal */
export interface CacheHeader {
  readonly format: string;
  readonly version: string;
  /** What else the entries depend on (the project root, which descriptions name files relative to). */
  readonly scope: string;
}

/**
 * `readCacheFile` returns the cache file's body when its header matches `header` and it parses;
 * otherwise `undefined`, whatever is wrong with it (missing, corrupt, another Tidemark version):
 * a cache is only ever a shortcut, never an input that can fail a run.
 * @internal
 */
export function readCacheFile<T>(path: string, format: string, scope: string): T | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheHeader> & { body?: T };
    if (parsed.format !== format || parsed.version !== TIDEMARK_VERSION || parsed.scope !== scope || parsed.body === undefined) return undefined;
    return parsed.body;
  } catch {
    return undefined;
  }
}

/**
 * `writeCacheFile` writes the cache file atomically: to a file of its own beside it, renamed into
 * place, so concurrent runs each replace the whole file and a reader never sees half of one. A
 * failure to write (a read-only folder) costs the next run its cache, nothing else.
 * @internal
 */
export function writeCacheFile(path: string, format: string, scope: string, body: unknown): void {
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ format, version: TIDEMARK_VERSION, scope, body }));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}
