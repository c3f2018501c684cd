import { urlInvalid } from '@tidemark/core';

/** `SqliteLocation` is where a `sqlite:` URL points: a file path (as written) or memory. */
export type SqliteLocation = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'memory' };

/**
 * `parseSqliteUrl` reads `sqlite:path/to.db`, `sqlite:./rel.db`, `sqlite:/abs.db` and
 * `sqlite::memory:` (README: Backends, URL row). Anything else is TM_URL_INVALID: `sqlite://…` is refused
 * rather than guessed, since tools disagree on how many slashes make an absolute path.
 * @example parseSqliteUrl('sqlite:dev.db') // { kind: 'file', path: 'dev.db' }
 */
export function parseSqliteUrl(url: string): SqliteLocation {
  if (!url.startsWith('sqlite:')) throw urlInvalid(url, 'is not a sqlite: URL');
  const rest = url.slice('sqlite:'.length);
  if (rest === ':memory:') return { kind: 'memory' };
  if (rest === '') throw urlInvalid(url, 'names no database file (write sqlite:path/to.db)');
  if (rest.startsWith('//')) throw urlInvalid(url, 'uses sqlite://; write sqlite:path/to.db, sqlite:./rel.db or sqlite:/abs.db');
  if (rest.startsWith(':')) throw urlInvalid(url, 'is not a file path; the only special name is sqlite::memory:');
  if (rest.includes('\0')) throw urlInvalid(url, 'contains a NUL character');
  return { kind: 'file', path: rest };
}
