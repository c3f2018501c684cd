import { resolve } from 'node:path';

/**
 * `resolveRelativeSqlite` makes a relative `sqlite:` path relative to `base` (the folder of the
 * file that names it: the config, a fleet's targets list), like every other path in such a file.
 * Other URLs, absolute paths and `sqlite::memory:` are returned as they are.
 */
export function resolveRelativeSqlite(url: string, base: string): string {
  const m = /^sqlite:(?!\/|:memory:)(.+)$/.exec(url);
  return m ? `sqlite:${resolve(base, m[1]!)}` : url;
}
