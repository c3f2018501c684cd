import { backendMissing, urlInvalid, type Backend, type BackendConnection } from '@tidemark/core';

/** Which package serves each URL scheme (PRODUCT.md §5). */
const PACKAGES: Record<string, { pkg: string; exportName: string }> = {
  sqlite: { pkg: '@tidemark/sqlite', exportName: 'sqliteBackend' },
  postgres: { pkg: '@tidemark/postgres', exportName: 'postgresBackend' },
  postgresql: { pkg: '@tidemark/postgres', exportName: 'postgresBackend' },
  mysql: { pkg: '@tidemark/mysql', exportName: 'mysqlBackend' },
  mongodb: { pkg: '@tidemark/mongodb', exportName: 'mongodbBackend' },
  dynamodb: { pkg: '@tidemark/dynamodb', exportName: 'dynamodbBackend' },
};

/** `schemeOf` returns the URL's scheme (`sqlite` for `sqlite:dev.db`). */
export function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!m) throw urlInvalid(url, 'has no scheme');
  return m[1]!.toLowerCase();
}

/**
 * `loadBackend` imports the backend package for a URL only when a command needs a database,
 * so `migrate:generate` never loads a driver and a production install needs only its own.
 */
export async function loadBackend(url: string): Promise<Backend> {
  const scheme = schemeOf(url);
  const entry = PACKAGES[scheme];
  if (!entry) throw urlInvalid(url, `unknown scheme ${scheme}:`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(entry.pkg)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw backendMissing(scheme, entry.pkg, err);
    throw err;
  }
  return mod[entry.exportName] as Backend;
}

/** `connect` opens the database a URL names. */
export async function connect(url: string): Promise<BackendConnection> {
  return (await loadBackend(url)).connect(url);
}
