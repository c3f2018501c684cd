import { backendMissing, urlInvalid, type Backend, type BackendConnection, type ConnectOptions } from '@tidemark/core';

/** A backend package and how to load it. */
interface BackendEntry {
  readonly pkg: string;
  /** The database driver the package loads when it connects (README: "In your app", first screen). */
  readonly driver: string;
  readonly load: () => Promise<Backend>;
}

/**
 * Which package serves each URL scheme (README: Backends, URL row). Each loader is a dynamic import with a
 * literal specifier, so the CLI bundle keeps every backend external and a command that needs no
 * database (or another one) never loads it, nor its driver. Backends are optional peers: a
 * project installs the ones it uses.
 */
const BACKENDS: Record<string, BackendEntry> = {
  sqlite: { pkg: '@tidemark/sqlite', driver: 'better-sqlite3', load: async () => (await import('@tidemark/sqlite')).sqliteBackend },
  postgres: { pkg: '@tidemark/postgres', driver: 'pg', load: async () => (await import('@tidemark/postgres')).postgresBackend },
  postgresql: { pkg: '@tidemark/postgres', driver: 'pg', load: async () => (await import('@tidemark/postgres')).postgresBackend },
  mysql: { pkg: '@tidemark/mysql', driver: 'mysql2', load: async () => (await import('@tidemark/mysql')).mysqlBackend },
  mariadb: { pkg: '@tidemark/mysql', driver: 'mysql2', load: async () => (await import('@tidemark/mysql')).mysqlBackend },
  mongodb: { pkg: '@tidemark/mongodb', driver: 'mongodb', load: async () => (await import('@tidemark/mongodb')).mongodbBackend },
  'mongodb+srv': { pkg: '@tidemark/mongodb', driver: 'mongodb', load: async () => (await import('@tidemark/mongodb')).mongodbBackend },
  dynamodb: { pkg: '@tidemark/dynamodb', driver: '@aws-sdk/client-dynamodb', load: async () => (await import('@tidemark/dynamodb')).dynamodbBackend },
};

/** `importBackend` runs a backend loader; a package that is not installed is TM_BACKEND_MISSING with the install command. */
export async function importBackend(scheme: string, entry: BackendEntry): Promise<Backend> {
  try {
    return await entry.load();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw backendMissing(scheme, entry.pkg, err);
    throw err;
  }
}

/** `schemeOf` returns the URL's scheme (`sqlite` for `sqlite:dev.db`). */
export function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!m) throw urlInvalid(url, 'has no scheme');
  return m[1]!.toLowerCase();
}

/** `backendPackages` names the backend package and driver a URL needs, without loading them (for `tidemark init`). */
export function backendPackages(url: string): { readonly pkg: string; readonly driver: string } {
  const scheme = schemeOf(url);
  const entry = BACKENDS[scheme];
  if (!entry) throw urlInvalid(url, `unknown scheme ${scheme}: (expected one of ${Object.keys(BACKENDS).join(', ')})`);
  return { pkg: entry.pkg, driver: entry.driver };
}

/** `loadBackend` imports the backend package for a URL, only when a command needs a database. */
export async function loadBackend(url: string): Promise<Backend> {
  const scheme = schemeOf(url);
  const entry = BACKENDS[scheme];
  if (!entry) throw urlInvalid(url, `unknown scheme ${scheme}:`);
  return importBackend(scheme, entry);
}

/** `connect` opens the database a URL names. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<BackendConnection> {
  return (await loadBackend(url)).connect(url, options);
}
