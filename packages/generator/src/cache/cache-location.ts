import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `cacheDirectory` is where generate keeps its caches for the project at `root`:
 * `node_modules/.cache/tidemark`, the folder build tools share for caches (Babel, ESLint,
 * webpack). It is ignored by git wherever `node_modules` is, is dropped with a fresh install,
 * and is never part of what a user reviews or commits, unlike anything beside the migrations.
 * `undefined` (no caching) without a `node_modules` folder at the root, or with
 * `TIDEMARK_NO_CACHE=1`.
 * @internal
 */
export function cacheDirectory(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TIDEMARK_NO_CACHE && env.TIDEMARK_NO_CACHE !== '0') return undefined;
  const modules = join(root, 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'tidemark') : undefined;
}
