import { readFileSync } from 'node:fs';

/**
 * `TIDEMARK_VERSION` is this generator's version (its package.json, one folder above `src/` and
 * `dist/`). Cache entries carry it and are never trusted under another one: a new reader may
 * describe the same file differently.
 * @internal
 */
export const TIDEMARK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
