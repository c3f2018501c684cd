import { backendMissing, urlInvalid, type Backend, type BackendConnection } from '@tidemark/core';

/** A backend package and how to load it. */
interface BackendEntry {
  readonly pkg: string;
  readonly load: () => Promise<Backend>;
}

/** Imports a backend package that is not part of this build yet, by name. */
async function importByName(pkg: string, exportName: string): Promise<Backend> {
  const mod = (await import(pkg)) as Record<string, unknown>;
  return mod[exportName] as Backend;
}

/**
 * Which package serves each URL scheme (PRODUCT.md §5). Each loader is a dynamic import with a
 * literal specifier, so the CLI bundle keeps every backend in its own lazily loaded chunk and a
 * command that needs no database (or another one) never loads it, nor its driver.
 */
const BACKENDS: Record<string, BackendEntry> = {
  sqlite: { pkg: '@tidemark/sqlite', load: async () => (await import('@tidemark/sqlite')).sqliteBackend },
  postgres: { pkg: '@tidemark/postgres', load: () => importByName('@tidemark/postgres', 'postgresBackend') },
  postgresql: { pkg: '@tidemark/postgres', load: () => importByName('@tidemark/postgres', 'postgresBackend') },
  mysql: { pkg: '@tidemark/mysql', load: () => importByName('@tidemark/mysql', 'mysqlBackend') },
  mongodb: { pkg: '@tidemark/mongodb', load: () => importByName('@tidemark/mongodb', 'mongodbBackend') },
  dynamodb: { pkg: '@tidemark/dynamodb', load: () => importByName('@tidemark/dynamodb', 'dynamodbBackend') },
};

/** `schemeOf` returns the URL's scheme (`sqlite` for `sqlite:dev.db`). */
export function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!m) throw urlInvalid(url, 'has no scheme');
  return m[1]!.toLowerCase();
}

/** `loadBackend` imports the backend package for a URL, only when a command needs a database. */
export async function loadBackend(url: string): Promise<Backend> {
  const scheme = schemeOf(url);
  const entry = BACKENDS[scheme];
  if (!entry) throw urlInvalid(url, `unknown scheme ${scheme}:`);
  try {
    return await entry.load();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw backendMissing(scheme, entry.pkg, err);
    throw err;
  }
}

/** `connect` opens the database a URL names. */
export async function connect(url: string): Promise<BackendConnection> {
  return (await loadBackend(url)).connect(url);
}
